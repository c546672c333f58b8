import Exact
import Symbolic

/// Judges one step of a post's arithmetic (`0.055399425 + -0.019049119 = 0.036350306`): the
/// printed result against the exact value of the expression before it, its printed operands
/// taken as exact, at the result's printed precision.
///
/// The verdict is the first that holds of `exact`, `consistent` (some choice of the rounded
/// operands within half a unit of their last digit gives a value that rounds to the result: the
/// author carried more digits than were printed), `truncated`, `last-digit`, else `wrong`.
/// Every verdict is decided from enclosures that raise their precision until they settle it.
public struct StepJudge: Sendable {
    public var escalation: Escalation
    /// Significant digits of the exact column.
    public var digits: Int

    public init(escalation: Escalation = .standard, digits: Int = 20) {
        self.escalation = escalation
        self.digits = max(digits, 1)
    }

    /// Judges `expression` (numbers only, except for names that stand for the rounded operands,
    /// each given by the literal the post printed) against `printed`.
    public func judge(_ expression: Expr, rounded: [String: DecimalLiteral], printed: DecimalLiteral) -> StepResult {
        let exact = expression.substituting(rounded.mapValues { Expr.constant($0.value) })
        let intervals = rounded.mapValues { literal in
            let half = (literal.unit ?? 0) * Rational.half
            return StepRange(lower: literal.value - half, upper: literal.value + half)
        }
        let double = (try? Model.empty.evaluate([exact], on: DoubleRegisters.init(count:)).first) ?? .nan
        var last: RationalBall?
        var failure: String?
        let decision = escalation.decide { (precision: Int) -> Verdict? in
            do {
                let values = try Model.empty.evaluate([exact]) {
                    RationalBallRegisters(count: $0, precision: precision)
                }
                guard let value = values.first else { return nil }
                last = value
                let range = { StepRange.of(expression, intervals: intervals, precision: precision) }
                return Self.verdict(printed, truth: Bounds(value), range: range)
            } catch {
                failure = "\(error)"
                return nil
            }
        }
        var result = StepResult(verdict: decision.answer ?? .undecided, double: double.isNaN ? nil : double)
        if let last {
            result.certifiedDigits = Self.digits(of: last, significant: max(digits, printed.significantDigits + 2))
        }
        if case .decided(_, let precision) = decision { result.precision = precision }
        if decision.answer == nil { result.note = failure ?? "undecided at \(escalation.cap) bits" }
        if let point = Rational(exactly: double) {
            result.doubleVerdict = Self.verdict(printed, truth: Bounds(exactly: point), range: { nil })
        }
        return result
    }

    /// The first verdict that holds, or `nil` while the bounds are too wide to settle one.
    static func verdict(_ literal: DecimalLiteral, truth: Bounds, range: @escaping () -> StepRange?) -> Verdict? {
        let rules: [(Verdict, () -> Bool?)] = [
            (.exact, { truth.roundsTo(literal) }),
            (.consistent, { range()?.reaches(literal) ?? false }),
            (.truncated, { truth.truncatesTo(literal) }),
            (.lastDigit, { truth.isOneUnitOff(literal) }),
        ]
        return VerdictRules.firstThatHolds(rules)
    }

    private static func digits(of value: RationalBall, significant: Int) -> String {
        if let exact = value.exact, exact.signum == 0 { return "0" }
        let count = min(significant, 60)
        if let exact = value.exact { return exact.formatted(significantDigits: count) }
        return value.ball.formatted(significantDigits: count) ?? value.ball.formatted(atMostSignificantDigits: count)
    }
}
