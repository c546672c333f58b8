import Exact
import Symbolic

/// Random terms and constants aimed at the places enclosures go wrong: magnitudes from 10^−320
/// to 10^35, exact 0 and 1, cancellation near 1 and in `(t + tiny) − t`, exp arguments on both
/// sides of the fixed-point method's range, logs and square roots of negative numbers, and
/// divisors that are exactly zero though not written as 0.
struct TermGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// A term at most `depth` operations deep, with at least one operation when `depth` > 0.
    mutating func expression(depth: Int) -> Term {
        depth > 0 ? operation(depth: depth) : .constant(constant())
    }

    /// A subterm: a constant one time in four, else an operation.
    private mutating func term(depth: Int) -> Term {
        depth > 0 && int(0..<4) != 0 ? operation(depth: depth) : .constant(constant())
    }

    private mutating func operation(depth: Int) -> Term {
        switch int(0..<20) {
        case 0..<8:
            let operation = Term.Operator.allCases[int(0..<4)]
            let a = term(depth: depth - 1)
            return .binary(operation, a, int(0..<6) == 0 ? a : term(depth: depth - 1))
        case 8..<14:
            let functions = ElementaryFunction.allCases
            return .apply(functions[int(0..<functions.count)], term(depth: depth - 1))
        case 14..<16:
            return .power(term(depth: depth - 1), int(-4...6))
        case 16:
            return .negate(term(depth: depth - 1))
        case 17:
            return .binary(.divide, term(depth: depth - 1), zero(depth: depth - 1))
        default:
            let a = term(depth: depth - 1)
            let tiny = Rational(int(1...9)).timesPowerOfTwo(-int(20...300))
            return .binary(.subtract, .binary(.add, a, .constant(tiny)), a)
        }
    }

    /// A term whose exact value is 0 though no constant 0 appears in it (unless `depth` is 0).
    private mutating func zero(depth: Int) -> Term {
        let a = depth > 0 ? term(depth: depth - 1) : .constant(constant())
        let negative = Term.constant(-Rational(int(1...1_000_000)) / Rational(int(1...1000)))
        switch int(0..<4) {
        case 0: return .binary(.subtract, a, a)
        case 1: return .apply(.relu, negative)
        case 2: return .apply(.step, negative)
        default: return .binary(.subtract, .constant(1), .apply(.log, .apply(.exp, .constant(1))))
        }
    }

    /// A random rational constant of one of several shapes, with a random sign.
    mutating func constant() -> Rational {
        let value: Rational
        switch int(0..<12) {
        case 0: value = 0
        case 1: value = 1
        case 2: value = Rational(int(2...9))
        case 3: value = fraction(upTo: 1000)
        case 4: value = fraction(upTo: 1_000_000_000_000)
        case 5: value = Rational(int(1...(1 << 62))).timesPowerOfTwo(int(-200...200))
        case 6: value = fraction(upTo: 1_000_000) * Rational.powerOfTen(-int(250...320))
        case 7: value = fraction(upTo: 1_000_000) * Rational.powerOfTen(int(15...35))
        case 8: value = 1 + Rational(bool() ? 1 : -1).timesPowerOfTwo(-int(1...300))
        case 9: value = Rational(int(0...800)) + fraction(upTo: 1000) / 1000
        case 10: value = fraction(upTo: 1_000_000).timesPowerOfTwo(-int(60...1200))
        default: value = Rational(int(1...1_000_000)) / 1000
        }
        return bool() ? -value : value
    }

    /// p/q with 1 ≤ p, q ≤ `limit`.
    private mutating func fraction(upTo limit: Int) -> Rational {
        Rational(int(1...limit)) / Rational(int(1...limit))
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func bool() -> Bool { Bool.random(using: &random) }
}
