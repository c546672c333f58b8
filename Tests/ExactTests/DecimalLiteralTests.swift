import Exact
import Testing

@Suite("DecimalLiteral")
struct DecimalLiteralTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let value: String
        let lastPlace: Int?
        let significantDigits: Int
        var testDescription: String { text }
    }

    static let accepted: [Case] = [
        Case(text: "0.05", value: "1/20", lastPlace: -2, significantDigits: 1),
        Case(text: "-1.5e-3", value: "-3/2000", lastPlace: -4, significantDigits: 2),
        Case(text: ".5", value: "1/2", lastPlace: -1, significantDigits: 1),
        Case(text: "3/7", value: "3/7", lastPlace: nil, significantDigits: 0),
        Case(text: "-12", value: "-12", lastPlace: 0, significantDigits: 2),
        Case(text: "+7", value: "7", lastPlace: 0, significantDigits: 1),
        Case(text: "3.51085e-5", value: "702170/20000000000", lastPlace: -10, significantDigits: 6),
        Case(text: "0.0000351085", value: "351085/10000000000", lastPlace: -10, significantDigits: 6),
        Case(text: "1/2", value: "1/2", lastPlace: nil, significantDigits: 0),
        Case(text: "-1/2", value: "-1/2", lastPlace: nil, significantDigits: 0),
        Case(text: "0.75136507", value: "75136507/100000000", lastPlace: -8, significantDigits: 8),
        Case(text: "1.50", value: "3/2", lastPlace: -2, significantDigits: 3),
        Case(text: "1E+3", value: "1000", lastPlace: 3, significantDigits: 1),
        Case(text: "0", value: "0", lastPlace: 0, significantDigits: 1),
        Case(text: "0.0e+0", value: "0", lastPlace: -1, significantDigits: 1),
        Case(
            text: "1e10000", value: "1" + String(repeating: "0", count: 10000), lastPlace: 10000, significantDigits: 1),
    ]

    @Test(arguments: accepted)
    func parses(_ expected: Case) throws {
        let literal = try DecimalLiteral(parsing: expected.text)
        let value = try DecimalLiteral(parsing: expected.value).value
        #expect(literal.value == value)
        #expect(literal.lastPlace == expected.lastPlace)
        #expect(literal.significantDigits == expected.significantDigits)
        #expect(literal.text == expected.text && literal.description == expected.text)
        #expect(literal.unit == expected.lastPlace.map(Rational.powerOfTen))
    }

    @Test func rejects() {
        let cases: [(String, DecimalLiteral.ParseError)] = [
            ("0.5.5", .unexpected(".", offset: 3)),
            ("1/0", .zeroDenominator),
            ("abc", .unexpected("a", offset: 0)),
            ("1e", .unexpected("e", offset: 1)),
            ("--1", .unexpected("-", offset: 1)),
            ("1e100000", .exponentOutOfRange),
            ("1e-10001", .exponentOutOfRange),
            ("1e99999999999999999999", .exponentOutOfRange),
            ("", .empty),
            ("-", .empty),
            (".", .empty),
            ("1/", .empty),
            ("1/-2", .unexpected("-", offset: 2)),
            ("1/2x", .unexpected("x", offset: 3)),
            ("1e5x", .unexpected("x", offset: 3)),
            ("12 ", .unexpected(" ", offset: 2)),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try DecimalLiteral(parsing: text) }
        }
        #expect(DecimalLiteral.ParseError.exponentOutOfRange.description.contains("10000"))
        #expect(DecimalLiteral.ParseError.empty.description == "expected a number")
    }

    @Test func hashableAndSubstrings() throws {
        let line = "w1 = 0.15;"
        let start = line.index(line.startIndex, offsetBy: 5)
        let end = line.index(start, offsetBy: 4)
        let literal = try DecimalLiteral(parsing: line[start..<end])
        #expect(literal.value == Rational("0.15"))
        #expect(try literal == DecimalLiteral(parsing: "0.15"))
        #expect(try literal != DecimalLiteral(parsing: "0.150"))
        let again = try DecimalLiteral(parsing: "0.15")
        #expect(Set([literal, again]).count == 1)
    }

    /// As pasted from a post: U+2212 is a minus sign, and a decimal comma is an error that says
    /// what to write.
    @Test func pastedNumbers() throws {
        let minus = try DecimalLiteral(parsing: "−0.019049119")
        #expect(minus.value == -(Rational(19_049_119) / Rational(1_000_000_000)))
        #expect(minus.lastPlace == -9 && minus.text == "−0.019049119")
        #expect(try DecimalLiteral(parsing: "−1/2").value == -Rational.half)
        #expect(try DecimalLiteral(parsing: "3.5e−5").value == Rational(35) / Rational(1_000_000))
        #expect(throws: DecimalLiteral.ParseError.decimalComma(suggestion: "0.298371109")) {
            try DecimalLiteral(parsing: "0,298371109")
        }
    }
}
