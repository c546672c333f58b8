import Exact
import Foundation
import Testing

@Suite("Rational+Decimal")
struct RationalDecimalTests {
    static func q(_ text: String) -> Rational { Rational(text)! }

    @Test func roundingRulesAtTiesAndNegatives() {
        // value, place, halfEven, halfUp, towardZero
        let table: [(String, Int, String, String, String)] = [
            ("2.5", 0, "2", "3", "2"),
            ("3.5", 0, "4", "4", "3"),
            ("-2.5", 0, "-2", "-3", "-2"),
            ("-3.5", 0, "-4", "-4", "-3"),
            ("2.4999", 0, "2", "2", "2"),
            ("-2.5001", 0, "-3", "-3", "-2"),
            ("0.125", -2, "0.12", "0.13", "0.12"),
            ("-0.135", -2, "-0.14", "-0.14", "-0.13"),
            ("1250", 2, "1200", "1300", "1200"),
            ("-1350", 2, "-1400", "-1400", "-1300"),
            ("1/3", -3, "0.333", "0.333", "0.333"),
            ("-2/3", -3, "-0.667", "-0.667", "-0.666"),
            ("7", 0, "7", "7", "7"),
            ("0.0004", -3, "0", "0", "0"),
        ]
        for (value, place, even, up, zero) in table {
            #expect(Self.q(value).rounded(toPlace: place, rule: .halfEven) == Self.q(even), "\(value) halfEven")
            #expect(Self.q(value).rounded(toPlace: place, rule: .halfUp) == Self.q(up), "\(value) halfUp")
            #expect(Self.q(value).rounded(toPlace: place, rule: .towardZero) == Self.q(zero), "\(value) towardZero")
        }
        #expect(Self.q("2.5").rounded(toPlace: 0) == 2, "halfEven is the default")
        #expect(Self.q("-7/2").roundedToInteger(rule: .halfUp) == -4)
        #expect(RoundingRule.allCases.count == 3)
    }

    @Test func formattedSignificantDigits() {
        let table: [(String, Int, String)] = [
            ("9.9999", 4, "10.00"),
            ("-9.9999", 4, "-10.00"),
            ("0.099999", 2, "0.10"),
            ("1/3", 5, "0.33333"),
            ("2/3", 1, "0.7"),
            ("12345", 2, "12000"),
            ("0.0000351085", 6, "0.0000351085"),
            ("3.51085e-12", 6, "3.51085e-12"),
            ("-1.2345e-30", 3, "-1.23e-30"),
            ("9.9996e-9", 4, "1.000e-8"),
            ("1e21", 3, "1.00e21"),
            ("123456789012345678901", 3, "123000000000000000000"),
            ("0.00000001", 2, "1.0e-8"),
            ("0.0000001", 2, "0.00000010"),
            ("0", 5, "0"),
            ("0.125", 2, "0.12"),
            ("0.5", 0, "0.5"),
        ]
        for (value, digits, expected) in table {
            #expect(Self.q(value).formatted(significantDigits: digits) == expected, "\(value) at \(digits)")
        }
        #expect(Self.q("0.125").formatted(significantDigits: 2, rule: .halfUp) == "0.13")
        #expect(Self.q("-0.129").formatted(significantDigits: 2, rule: .towardZero) == "-0.12")
    }

    @Test func decimalExponent() {
        let table: [(String, Int?)] = [
            ("1", 0), ("9.99", 0), ("10", 1), ("0.1", -1), ("0.0999", -2), ("-123", 2), ("1/3", -1),
            ("1/10", -1), ("99/10", 0), ("1e-300", -300), ("123456789012345678901234567890", 29), ("0", nil),
        ]
        for (value, exponent) in table { #expect(Self.q(value).decimalExponent == exponent, "\(value)") }
    }

    @Test func decimalStrings() {
        #expect(Self.q("1/8").decimalString(places: 3) == "0.125")
        #expect(Self.q("-1/8").decimalString(places: 2) == "-0.12")
        #expect(Self.q("-1/8").decimalString(places: 2, rule: .halfUp) == "-0.13")
        #expect(Self.q("1234.5").decimalString(places: -2) == "1200")
        #expect(Self.q("-0.001").decimalString(places: 2) == "0.00")
        #expect(Self.q("5").decimalString(places: 0) == "5")
    }

    @Test func formattingAgreesWithFoundationOnRandomValues() {
        // `%.*e` in C rounds the binary value exactly with ties to even; for a Double's exact value
        // and digit counts that fit, our formatting must pick the same digits.
        var generator = SplitMix64(seed: 0xF0F)
        for _ in 0..<500 {
            let x =
                Double.random(in: 1...10, using: &generator)
                * pow(10, Double(Int.random(in: -30...30, using: &generator)))
            let digits = Int.random(in: 1...17, using: &generator)
            let ours = Rational(exactly: x)!.formatted(significantDigits: digits)
            let c = String(format: "%.\(digits - 1)e", x)
            let parts = c.split(separator: "e")
            let mantissa = parts[0].replacingOccurrences(of: ".", with: "")
            let exponent = Int(parts[1])!
            let oursDigits = ours.split(separator: "e")[0].filter(\.isNumber).drop(while: { $0 == "0" })
            #expect(String(oursDigits.prefix(digits)) == mantissa, "\(x) at \(digits): \(ours) vs \(c)")
            #expect(Rational(String(ours))!.decimalExponent == exponent, "\(x) at \(digits): \(ours) vs \(c)")
        }
    }
}
