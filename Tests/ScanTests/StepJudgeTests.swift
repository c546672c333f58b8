import Checker
import Exact
import Symbolic
import Testing

/// The step judge on steps whose verdicts were worked out by hand (exact decimal arithmetic).
struct StepJudgeTests {
    static func literal(_ text: String) -> DecimalLiteral {
        do { return try DecimalLiteral(parsing: text) } catch { preconditionFailure("\(text): \(error)") }
    }

    static func constant(_ text: String) -> Expr { .constant(literal(text).value) }

    /// 0.055399425 + (−0.019049119) = 0.036350306 exactly.
    @Test func exactSum() {
        let sum = Self.constant("0.055399425") + Self.constant("-0.019049119")
        #expect(StepJudge().judge(sum, rounded: [:], printed: Self.literal("0.036350306")).verdict == .exact)
    }

    /// ½(0.01 − 0.75136507)² = 0.27481108350805245 (by hand: 0.74136507² / 2), which rounds to
    /// 0.274811084; with 0.75136507 rounded (±5·10⁻⁹) the range reaches …083: `consistent`.
    @Test func roundedOperandIsConsistent() {
        let half = Expr.constant(Rational.half)
        let step = half * (Self.constant("0.01") - .name("r0")).power(2)
        let rounded = ["r0": Self.literal("0.75136507")]
        let result = StepJudge().judge(step, rounded: rounded, printed: Self.literal("0.274811083"))
        #expect(result.verdict == .consistent)
        #expect(result.certifiedDigits?.hasPrefix("0.274811083508052450") == true)
        #expect(
            StepJudge().judge(step, rounded: [:].merging(rounded) { a, _ in a }, printed: Self.literal("0.274811084"))
                .verdict == .exact)
    }

    /// 0.1 × 3 = 0.3: 0.2 is one unit off, 0.35 → 0.3 truncated at one more place is not, 0.5 wrong.
    @Test func truncatedLastDigitAndWrong() {
        let product = Self.constant("2") / Self.constant("3")  // 0.6666…
        #expect(StepJudge().judge(product, rounded: [:], printed: Self.literal("0.666")).verdict == .truncated)
        #expect(StepJudge().judge(product, rounded: [:], printed: Self.literal("0.668")).verdict == .lastDigit)
        #expect(StepJudge().judge(product, rounded: [:], printed: Self.literal("0.67")).verdict == .exact)
        #expect(StepJudge().judge(product, rounded: [:], printed: Self.literal("0.61")).verdict == .wrong)
    }

    /// 1/(1 + e^(−0.3775)) = 0.593269992107187… (mpmath), printed 0.593269992: decided by enclosures.
    @Test func logisticStep() {
        let step = 1 / (1 + Expr.apply(.exp, -Self.constant("0.3775")))
        let result = StepJudge().judge(step, rounded: [:], printed: Self.literal("0.593269992"))
        #expect(result.verdict == .exact)
        #expect(result.certifiedDigits?.hasPrefix("0.5932699921071872551") == true)
    }
}
