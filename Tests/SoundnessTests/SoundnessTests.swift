import CGMP
import Foundation
import Symbolic
import Testing

@testable import Exact

/// A seeded property fuzzer for certified evaluation: random terms over random rationals, each
/// evaluated on balls at several precisions and at four times each, in the double-double tier,
/// and exactly where it can be.
///
/// Properties, for every term:
/// - every ball contains the exact value when there is one, and `RationalRegisters` agrees with it;
/// - every ball intersects the ball at four times its precision;
/// - no ball returns a value for a term that is undefined (a division by exactly zero, a log of a
///   number ≤ 0, a square root of a negative number); a ball may fail where the term is defined,
///   since a wide enclosure may not exclude zero;
/// - a rounding decision never contradicts another: for literals near the value, "every point of
///   the ball rounds to it" and "no point does" never both come out of balls at any precisions,
///   and `Ball.formatted(significantDigits:)` never gives two different answers;
/// - the term built as an `Expr` and compiled to a program gives a ball that does the same.
///
/// Balls are read through `@testable` access to their exponents, so that those beyond exact reach
/// (after an overflow or underflow) are skipped before their endpoints are written as rationals.
///
/// `DERIVCHECK_SOUNDNESS_CASES=N` runs N cases (default 800), `DERIVCHECK_SOUNDNESS_SEED=S` starts
/// from another seed; a failure names its term exactly, so it can be rebuilt as a regression test.
@Suite("Soundness on random terms")
struct SoundnessTests {
    /// 128 bits runs the Swift kernels (`Float128Kernel`), 128 and below the fixed-point exp.
    static let precisions = [64, 100, 120, 128, 192, 256, 512]
    static let cases = Int(ProcessInfo.processInfo.environment["DERIVCHECK_SOUNDNESS_CASES"] ?? "") ?? 800
    static let seed = UInt64(ProcessInfo.processInfo.environment["DERIVCHECK_SOUNDNESS_SEED"] ?? "") ?? 0x50_DA_7E55
    /// The cases are dealt round-robin to this many tests, which run in parallel.
    static let shards = 4

    @Test(arguments: 0..<shards)
    func randomTermsEvaluateSoundly(shard: Int) {
        for index in stride(from: shard, to: Self.cases, by: Self.shards) {
            var generator = TermGenerator(seed: Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let term = generator.expression(depth: 1 + index % 5)
            FuzzCase(index: index, term: term).check(using: &generator)
        }
    }
}

/// One term evaluated every way, and the properties checked on the results.
struct FuzzCase {
    let label: String
    let term: Term
    let truth: Truth
    /// The balls that came back within exact reach, by precision.
    let enclosures: [Int: Enclosure]
    /// The same, lowest precision first.
    let ascending: [Enclosure]
    /// Every precision whose evaluation returned a ball, within exact reach or not.
    let returned: [Int]

    /// A ball with its exact endpoints, made only when writing them exactly is cheap.
    struct Enclosure {
        let ball: Ball
        let lower: Rational
        let upper: Rational

        /// Midpoints and radii beyond 2^±65536 are left out: MPFR's range reaches 2^±2^30 (a
        /// radius of its least positive number is common after an underflow), and writing such
        /// a number as a rational takes gigabytes.
        static let exponentLimit = 1 << 16

        init?(_ ball: Ball) {
            let withinReach = ball.withSlot { slot in
                let radius = slot.rad.pointee
                let midpoint =
                    cgmp_mpfr_is_zero(slot.mid) != 0
                    || abs(cgmp_mpfr_get_exp(slot.mid)) <= Self.exponentLimit
                return midpoint && (radius.isZero || abs(radius.exponent) <= Self.exponentLimit)
            }
            guard withinReach else { return nil }
            self.ball = ball
            lower = ball.lower
            upper = ball.upper
        }

        /// Whether the two enclosures share a point, as enclosures of one number must.
        func meets(_ other: Enclosure) -> Bool { lower <= other.upper && other.lower <= upper }
    }

    init(index: Int, term: Term) {
        label = "case \(index): \(term)"
        self.term = term
        truth = Truth(of: term)
        var enclosures: [Int: Enclosure] = [:]
        var returned: [Int] = []
        for precision in Set(SoundnessTests.precisions + SoundnessTests.precisions.map { 4 * $0 }) {
            guard case .success(let ball) = term.evaluate(on: { BallRegisters(count: $0, precision: precision) }) else {
                continue
            }
            returned.append(precision)
            enclosures[precision] = Enclosure(ball)
        }
        // The double-double tier, filed under the precision it reports.
        if case .success(let value) = term.evaluate(on: DoubleDoubleRegisters.init(count:)) {
            returned.append(Escalation.doubleDoubleBits)
            enclosures[Escalation.doubleDoubleBits] = Enclosure(value.ball)
        }
        self.enclosures = enclosures
        self.returned = returned.sorted()
        ascending = enclosures.keys.sorted().compactMap { enclosures[$0] }
    }

    func check(using generator: inout TermGenerator) {
        checkExactValue()
        checkAgainstTruth()
        checkAgainstFourTimesPrecision()
        checkCompiledExpression()
        checkDecisions(using: &generator)
    }

    /// `RationalRegisters` returns the exact value when it returns, and fails when the term is undefined.
    private func checkExactValue() {
        switch term.evaluate(on: RationalRegisters.init(count:)) {
        case .success(let value):
            #expect(truth == .rational(value), "\(label): exact registers gave \(value), expected \(truth)")
        case .failure(let error):
            if case .rational = truth {
                #expect(error.isUndecidable, "\(label): exact registers failed with \(error) on a rational value")
            }
        }
    }

    /// A ball that comes back contains the exact value; none comes back for an undefined term.
    private func checkAgainstTruth() {
        switch truth {
        case .rational(let value):
            for enclosure in ascending {
                let ball = enclosure.ball
                let inside = enclosure.lower <= value && value <= enclosure.upper
                #expect(inside, "\(label): \(ball) at \(ball.precision) bits misses \(value)")
            }
        case .undefined:
            #expect(returned.isEmpty, "\(label): balls at \(returned) bits for an undefined term")
        case .unknown:
            break
        }
    }

    /// Two enclosures of one number overlap: |m − m₄| ≤ r + r₄.
    private func checkAgainstFourTimesPrecision() {
        for precision in SoundnessTests.precisions {
            guard let low = enclosures[precision], let high = enclosures[4 * precision] else { continue }
            #expect(low.meets(high), "\(label): \(low.ball) at \(precision) bits misses \(high.ball) at 4×")
        }
    }

    /// The same term through `Expr` and a compiled program: its ball contains the exact value and
    /// meets the direct one. Only terms the direct ball shows defined are compared: that `Expr` may
    /// simplify an undefined term into a defined one is a separate, known problem.
    private func checkCompiledExpression() {
        let precision = 128
        guard let direct = enclosures[precision] else { return }
        let expr = term.expr
        let registers = { (count: Int) in BallRegisters(count: count, precision: precision) }
        guard let ball = try? Model.empty.evaluate([expr], on: registers).first, let compiled = Enclosure(ball) else {
            return
        }
        if case .rational(let value) = truth {
            let inside = compiled.lower <= value && value <= compiled.upper
            #expect(inside, "\(label): compiled as \(expr), \(ball) misses \(value)")
        }
        #expect(compiled.meets(direct), "\(label): compiled as \(expr), \(ball) misses \(direct.ball)")
    }

    /// For literals at and one unit either side of the value rounded to a few digit counts, every
    /// ball that decides "rounds to it" or "does not" decides the same, and so does the exact value.
    private func checkDecisions(using generator: inout TermGenerator) {
        guard let reference = referenceValue else { return }
        let exponent = reference.decimalExponent ?? 0
        for _ in 0..<3 {
            let digits = [1, 2, 6, 15, 18, 19, 20, 30, 36, 38, 40, 60, 100, 150, 160][generator.int(0..<15)]
            let unit = Rational.powerOfTen(exponent - digits + 1)
            let rounded = reference.rounded(toPlace: exponent - digits + 1)
            for offset in -1...1 {
                let literal = rounded + Rational(offset) * unit
                let half = unit * .half
                let decisions = ascending.compactMap { enclosure in
                    Self.decision(enclosure, low: literal - half, high: literal + half).map { (enclosure.ball, $0) }
                }
                if let (first, verdict) = decisions.first {
                    for (ball, other) in decisions where other != verdict {
                        Issue.record(
                            """
                            \(label): for \(literal) to \(digits) digits, \(first) at \(first.precision) bits \
                            says \(verdict), \(ball) at \(ball.precision) says \(other)
                            """)
                    }
                }
                // The rest agree with the first, so it stands for all of them against the exact value.
                if case .rational(let value) = truth, let (ball, verdict) = decisions.first {
                    let actual = literal - half < value && value < literal + half
                    #expect(verdict == actual, "\(label): \(ball) says \(verdict) for \(literal), \(value): \(actual)")
                }
            }
            checkFormatting(digits: digits)
        }
    }

    /// `Ball.formatted(significantDigits:)` answers alike at every precision that answers at all.
    private func checkFormatting(digits: Int) {
        var answers = ascending.compactMap { enclosure in
            enclosure.ball.formatted(significantDigits: digits).map { ($0, enclosure.ball.precision) }
        }
        if case .rational(let value) = truth { answers.append((value.formatted(significantDigits: digits), 0)) }
        guard let (first, precision) = answers.first else { return }
        for (text, other) in answers where text != first {
            Issue.record("\(label): to \(digits) digits \(first) at \(precision) bits, \(text) at \(other) (0: exact)")
        }
    }

    /// The exact value, or else the midpoint of the most precise ball within exact reach.
    /// Left out, like a ball's, when its size is beyond 2^±65536 (formatting it would be slow).
    private var referenceValue: Rational? {
        guard case .rational(let value) = truth else { return ascending.last?.ball.midpoint }
        let size = value.numerator.bitLength - value.denominator.bitLength
        return abs(size) <= Enclosure.exponentLimit ? value : nil
    }

    /// Whether the ball lies inside (low, high), outside [low, high], or straddles an end (`nil`).
    private static func decision(_ enclosure: Enclosure, low: Rational, high: Rational) -> Bool? {
        if low < enclosure.lower && enclosure.upper < high { return true }
        if enclosure.upper < low || high < enclosure.lower { return false }
        return nil
    }
}

extension EnclosureError {
    var isUndecidable: Bool {
        if case .undecidable = self { return true }
        return false
    }
}
