import Exact
import Testing

@Suite("Magnitude")
struct MagnitudeTests {
    static func random(_ generator: inout SplitMix64, exponentRange: ClosedRange<Int>) -> Magnitude {
        if Int.random(in: 0..<20, using: &generator) == 0 { return .zero }
        let significand = Double.random(in: 1..<2, using: &generator)
        return Magnitude(significand).timesPowerOfTwo(Int.random(in: exponentRange, using: &generator))
    }

    /// An upper bound, and a tight one: within a few units of 2^-52 relative.
    static func checkBound(_ bound: Magnitude, _ exact: Rational, _ what: String) {
        #expect(bound.rational >= exact, "\(what): \(bound) below \(exact)")
        #expect(bound.rational <= exact + exact.timesPowerOfTwo(-50), "\(what): \(bound) loose")
    }

    @Test(arguments: [0...3, -70...70, -1_000_000...1_000_000, (Int.max / 4 - 200)...(Int.max / 4)])
    func sumsAndProductsAreUpperBounds(exponents: ClosedRange<Int>) {
        var generator = SplitMix64(seed: UInt64(bitPattern: Int64(exponents.lowerBound)))
        for _ in 0..<600 {
            let a = Self.random(&generator, exponentRange: exponents)
            let b = Self.random(&generator, exponentRange: exponents)
            if exponents.upperBound < 10_000 {
                Self.checkBound(a + b, a.rational + b.rational, "\(a) + \(b)")
                Self.checkBound(a * b, a.rational * b.rational, "\(a) * \(b)")
                if !b.isZero { Self.checkBound(a / b, a.rational / b.rational, "\(a) / \(b)") }
            } else {
                // Exponents too large for exact rationals: compare through a shared scale.
                let shift = -(exponents.lowerBound)
                let sa = a.timesPowerOfTwo(shift)
                let sb = b.timesPowerOfTwo(shift)
                Self.checkBound((a + b).timesPowerOfTwo(shift), sa.rational + sb.rational, "\(a) + \(b)")
            }
        }
    }

    @Test func hugeExponentGaps() {
        let one = Magnitude(1)
        for gap in [50, 52, 53, 59, 60, 61, 62, 100, 1075, 5000] {
            let tiny = Magnitude(1.75).timesPowerOfTwo(-gap)
            Self.checkBound(one + tiny, 1 + tiny.rational, "1 + 1.75·2^-\(gap)")
            Self.checkBound(tiny + one, 1 + tiny.rational, "1.75·2^-\(gap) + 1")
            #expect(one + tiny > one, "rounding up must show even below an ulp (gap \(gap))")
            Self.checkBound(one * tiny, tiny.rational, "1 · 2^-\(gap)")
        }
        let big = Magnitude(1.5).timesPowerOfTwo(3000)
        let small = Magnitude(1.25).timesPowerOfTwo(-3000)
        Self.checkBound(big * small, big.rational * small.rational, "2^3000 · 2^-3000")
        Self.checkBound(big + small, big.rational + small.rational, "2^3000 + 2^-3000")
        Self.checkBound(small / big, small.rational / big.rational, "2^-3000 / 2^3000")
    }

    @Test func constructionAndOrder() {
        #expect(Magnitude(0).isZero && Magnitude.zero.rational == 0)
        #expect(Magnitude(-3).rational == 3)
        #expect(Magnitude(0.1).rational == Rational(exactly: 0.1))
        #expect(Magnitude(.leastNonzeroMagnitude).rational == Rational(exactly: .leastNonzeroMagnitude))
        #expect(Magnitude(powerOfTwo: -2000).rational == Rational(1).timesPowerOfTwo(-2000))
        #expect(Magnitude(3) == Magnitude(1.5).timesPowerOfTwo(1))
        #expect(Magnitude.zero < Magnitude(powerOfTwo: -5000))
        #expect(Magnitude(powerOfTwo: -5000) < Magnitude(1e-300))
        #expect(Magnitude(1.5) < Magnitude(1.75) && !(Magnitude(2) < Magnitude(1.999)))
        #expect(!(Magnitude.zero < .zero))
        #expect(Magnitude.zero + Magnitude(2) == Magnitude(2) && Magnitude(2) * .zero == .zero)
        #expect(Magnitude.zero.timesPowerOfTwo(10) == .zero)
        var sum = Magnitude(1)
        sum += Magnitude(1)
        #expect(sum.rational >= 2)
        #expect(Magnitude.zero.description == "0" && Magnitude(3).description == "1.5·2^1")
    }
}
