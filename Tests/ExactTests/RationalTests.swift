import Exact
import Foundation
import Testing

@Suite("Rational")
struct RationalTests {
    @Test func parsingExactValues() throws {
        #expect(Rational("0.05") == Rational(numerator: 1, denominator: 20))
        #expect(Rational("-1.5e-3") == Rational(numerator: -3, denominator: 2000))
        #expect(Rational(".5") == Rational(numerator: 1, denominator: 2))
        #expect(Rational("3/7") == Rational(numerator: 3, denominator: 7))
        #expect(Rational("-12") == -12)
        #expect(Rational("-1/2") == Rational(numerator: 1, denominator: -2))
        #expect(Rational("6/4")?.description == "3/2")
        for bad in ["0.5.5", "1/0", "abc", "1e", "--1", "1e100000", ""] { #expect(Rational(bad) == nil, "\(bad)") }
    }

    /// `powerSize` estimates the bits of an exact power before computing it, so a huge one can be
    /// refused: 2^1000 needs about 1000 bits, (10^10000)^100000 over three billion.
    @Test func powerSizeEstimatesBeforeComputing() throws {
        let two: Rational = 2
        #expect(two.powerSize(1000) >= 1000 && two.powerSize(1000) <= 3000)
        let huge = try #require(Rational("1e10000"))
        #expect(huge.powerSize(100_000) > 3_000_000_000)
        #expect(huge.powerSize(Int.min) == Int.max)
    }

    @Test func canonicalForm() throws {
        let q = try #require(Rational(numerator: 6, denominator: -4))
        #expect(q.numerator == -3 && q.denominator == 2)
        #expect(Rational(numerator: 1, denominator: 0) == nil)
        #expect(Rational(numerator: 0, denominator: -5)?.denominator == 1)
        #expect(Rational(4).isInteger && !Rational("1/3")!.isInteger)
    }

    @Test func arithmetic() throws {
        let third = Rational("1/3")!
        let sixth = Rational("1/6")!
        #expect(third + sixth == Rational("1/2"))
        #expect(third - sixth == sixth)
        #expect(third * sixth == Rational("1/18"))
        #expect(third / sixth == 2)
        #expect(-third == Rational("-1/3"))
        #expect(third.dividedBy(0) == nil && third.dividedBy(third) == 1)
        #expect(Rational(-5).magnitude == 5 && Rational(-5).signum == -1 && Rational(0).signum == 0)
        #expect(Rational("3/4")!.timesPowerOfTwo(3) == 6 && Rational(6).timesPowerOfTwo(-3) == Rational("3/4"))
        #expect(Rational("-7/2")!.floor == -4 && Rational("7/2")!.floor == 3 && Rational(-3).floor == -3)
        #expect(Rational.powerOfTen(-3) == Rational("0.001") && Rational.powerOfTen(2) == 100)
        #expect(!(third < sixth) && -third < sixth)
    }

    @Test func powers() {
        let q = Rational("-2/3")!
        #expect(q.power(0) == 1)
        #expect(q.power(3) == Rational("-8/27"))
        #expect(q.power(-2) == Rational("9/4"))
        #expect(Rational(0).power(-1) == nil && Rational(0).power(0) == 1 && Rational(0).power(5) == 0)
        #expect(Rational(10).power(40) == Rational.powerOfTen(40))
    }

    @Test func valueSemantics() {
        let original = Rational("1/3")!
        var copy = original
        copy += 1
        #expect(original == Rational("1/3") && copy == Rational("4/3"))
        var other = original
        other *= 3
        other -= 1
        #expect(other == 0 && original == Rational("1/3"))
    }

    @Test func hashable() {
        let a = Rational(2) / 4
        let b = Rational(numerator: 1, denominator: 2)!
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([a, b, Rational("0.5")!, Rational(1)]).count == 2)
        #expect([a: "half"][Rational("5e-1")!] == "half")
    }

    @Test func codableRoundTrip() throws {
        let values = [Rational(0), Rational("-3/7")!, Rational("1e-40")!, Rational.powerOfTen(50) + Rational("1/3")!]
        let decoded = try JSONDecoder().decode([Rational].self, from: JSONEncoder().encode(values))
        #expect(decoded == values)
        let json = String(decoding: try JSONEncoder().encode([Rational("-3/7")!]), as: UTF8.self)
        #expect(json == #"["-3\/7"]"# || json == #"["-3/7"]"#, "encoded as the exact fraction text")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Rational].self, from: Data(#"["x"]"#.utf8)) }
    }

    @Test func losslessStringRoundTrip() {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<500 {
            let value = generator.rational()
            #expect(Rational(value.description) == value, "\(value)")
        }
        #expect(Rational(-12).description == "-12" && Rational("0.25")!.description == "1/4")
    }

    @Test func exactDoubles() {
        #expect(
            Rational(exactly: 0.1) == Rational(numerator: 3_602_879_701_896_397, denominator: 36_028_797_018_963_968))
        #expect(Rational(exactly: .infinity) == nil && Rational(exactly: .nan) == nil)
        #expect(Rational(exactly: -0.0) == 0)
        #expect(Rational(exactly: .leastNonzeroMagnitude)?.doubleValue == .leastNonzeroMagnitude)
    }

    /// `doubleValue` is the nearest `Double`, as `Double(String)` gives for decimal text.
    @Test func doubleValueRoundsToNearest() {
        #expect(Rational("0.1")!.doubleValue == 0.1)
        #expect(Rational("1/3")!.doubleValue == 1.0 / 3.0)
        #expect(Rational("-2/3")!.doubleValue == -2.0 / 3.0)
        #expect(Rational("1e400")!.doubleValue == .infinity)
        #expect(Rational("1e-400")!.doubleValue == 0)
        var generator = SplitMix64(seed: 0xDB1)
        for _ in 0..<1000 {
            let text = generator.decimalText() + "e" + String(Int.random(in: -330...310, using: &generator))
            #expect(Rational(text)!.doubleValue == Double(text)!, "\(text)")
        }
        // Ties in the subnormal range round to even.
        let tie = Rational(1).timesPowerOfTwo(-1075)
        #expect(tie.doubleValue == 0)
        #expect((tie * 3).doubleValue == 2 * .leastNonzeroMagnitude)
    }
}
