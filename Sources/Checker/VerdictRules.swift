import Exact
import Fixture

/// The format's table of verdicts, decided from bounds on the true value: the first rule that
/// holds is the verdict, and a rule the bounds cannot settle leaves the verdict open.
enum VerdictRules {
    /// The first verdict of the format's table that holds, or `nil` while an earlier one is undecided.
    /// `carried` is `nil` when the carried value could not be evaluated (it then reproduces nothing).
    static func verdict(_ literal: DecimalLiteral, truth: Bounds, carried: Bounds?, double: Double) -> Verdict? {
        let rules: [(Verdict, () -> Bool?)] = [
            (.exact, { truth.roundsTo(literal) }),
            (.truncated, { truth.truncatesTo(literal) }),
            (.lastDigit, { truth.isOneUnitOff(literal) }),
            (.carried, { carried.map { Self.reproduces($0, literal) } ?? false }),
            (.floating, { truth.isFloatingNoise(literal, double: double) }),
        ]
        for (verdict, rule) in rules {
            switch rule() {
            case true?: return verdict
            case false?: continue
            case nil: return nil
            }
        }
        return .wrong
    }

    /// The verdict a reader who trusted the `Double` result would have given.
    static func doubleVerdict(_ literal: DecimalLiteral, double: Double, carried: Bounds?) -> Verdict {
        guard let point = Rational(exactly: double) else { return .wrong }
        let truth = Bounds(exactly: point)
        if truth.roundsTo(literal) == true { return .exact }
        if truth.truncatesTo(literal) == true { return .truncated }
        if truth.isOneUnitOff(literal) == true { return .lastDigit }
        if let carried, Self.reproduces(carried, literal) == true { return .carried }
        return .wrong
    }

    /// Whether a carried value gives the printed number: rounded, or cut toward zero (learners who
    /// truncate what they carry; fixture format, version 2).
    static func reproduces(_ carried: Bounds, _ literal: DecimalLiteral) -> Bool? {
        let rounds = carried.roundsTo(literal)
        if rounds == true { return true }
        let truncates = carried.truncatesTo(literal)
        if truncates == true { return true }
        return rounds == false && truncates == false ? false : nil
    }
}
