import Exact
import Fixture

/// The format's table of verdicts, decided from bounds on the true value: the first rule that
/// holds is the verdict, and a rule the bounds cannot settle leaves the verdict open.
enum VerdictRules {
    /// The first verdict of the format's table that holds, or `nil` while an earlier one is undecided.
    /// `carried` is `nil` when the carried value could not be evaluated (it then reproduces nothing).
    static func verdict(_ literal: DecimalLiteral, truth: Bounds, carried: Bounds?, double: Double, float: Float? = nil)
        -> Verdict?
    {
        let rules: [(Verdict, () -> Bool?)] = [
            (.exact, { truth.roundsTo(literal) }),
            (.truncated, { truth.truncatesTo(literal) }),
            (.lastDigit, { truth.isOneUnitOff(literal) }),
            (.carried, { carried.map { Self.reproduces($0, literal) } ?? false }),
            (.floating, { Self.floatingFormat(literal, truth: truth, double: double, float: float).map { $0 != nil } }),
        ]
        return firstThatHolds(rules)
    }

    /// The verdict of the first rule that holds, `wrong` when none does, or `nil` as soon as a rule
    /// before the one that holds cannot be settled (the caller then raises the precision).
    static func firstThatHolds(_ rules: [(Verdict, () -> Bool?)]) -> Verdict? {
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

    /// The format whose rounding noise the printed number is (binary64 first), `.some(nil)` for
    /// neither, or `nil` while the bounds cannot tell.
    static func floatingFormat(_ literal: DecimalLiteral, truth: Bounds, double: Double, float: Float?)
        -> FloatingFormat??
    {
        let wide = truth.isFloatingNoise(literal, double: double)
        if wide == true { return .some(.binary64) }
        guard let float else { return wide == false ? .some(nil) : nil }
        let narrow = truth.isFloatingNoise(literal, float: float)
        if narrow == true { return .some(.binary32) }
        return wide == false && narrow == false ? .some(nil) : nil
    }

    /// Whether the printed number is the value rounded twice (0.4449 → 0.445 → 0.45): first to one,
    /// two or three more places, then to the printed precision, with either tie rule each time.
    /// `true` when the bounds decide one such rounding, `nil` when none is decided but some rounding
    /// is left open by them.
    static func isDoubleRounding(_ literal: DecimalLiteral, truth: Bounds) -> Bool? {
        guard let place = literal.lastPlace else { return false }
        let rules: [RoundingRule] = [.halfUp, .halfEven]
        var open = false
        for extra in 1...3 {
            for first in rules {
                let low = truth.lower.rounded(toPlace: place - extra, rule: first)
                guard low == truth.upper.rounded(toPlace: place - extra, rule: first) else {
                    open = true
                    continue
                }
                if rules.contains(where: { low.rounded(toPlace: place, rule: $0) == literal.value }) { return true }
            }
        }
        return open ? nil : false
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
