import Exact
import Foundation
import Testing

/// One row of `Resources/functions.tsv`: a function, an exact decimal argument and the value
/// correctly rounded to 60 significant digits (mpmath at 80 and 1000 digits, see
/// `make_functions.py`).
struct ReferenceRow: Sendable, CustomTestStringConvertible {
    let function: String
    let argument: String
    let value: String

    var testDescription: String { "\(function)(\(argument)) = \(value)" }

    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/functions.tsv")

    static let all: [ReferenceRow] = {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return ReferenceRow(function: fields[0], argument: fields[1], value: fields.count > 2 ? fields[2] : "")
        }
    }()

    /// The reference value and the half-unit of its 60th digit (0 for the exact zero `0.0e+0`).
    func reference() throws -> (value: Rational, half: Rational) {
        let literal = try DecimalLiteral(parsing: value)
        #expect(literal.significantDigits == 60 || literal.value == 0, "reference not at 60 digits: \(value)")
        guard literal.value != 0, let unit = literal.unit else { return (literal.value, 0) }
        return (literal.value, unit / 2)
    }

    /// True when rounding the 60-digit reference to 40 digits may differ from rounding the exact
    /// value: the reference interval [ref − h, ref + h] reaches a 40-digit rounding boundary.
    func inFortyDigitTieBand() throws -> Bool {
        let (value, half) = try reference()
        return (value - half).formatted(significantDigits: 40) != (value + half).formatted(significantDigits: 40)
    }
}

@Suite("Elementary functions against mpmath at 256 bits")
struct FunctionReferenceTests {
    @Test func tableIsReadAndCoversEveryFunction() throws {
        let rows = ReferenceRow.all
        #expect(rows.count == 450)
        let names = Set(rows.map(\.function))
        #expect(names == ["exp", "log", "tanh", "logistic", "softplus", "sqrt"])
        for name in names { #expect(ElementaryFunction(rawValue: name) != nil) }
        #expect(rows.contains { $0.value == "0.0e+0" }, "the table includes exact zeros (tanh(0), log(1))")
    }

    @Test(arguments: ReferenceRow.all)
    func enclosureContainsReference(_ row: ReferenceRow) throws {
        let function = try #require(ElementaryFunction(rawValue: row.function))
        let argument = try #require(Rational(row.argument))
        let (reference, half) = try row.reference()
        let ball = try Ball(argument, precision: 256).applying(function)
        #expect(ball.precision == 256)

        // (a) The exact value lies in the enclosure and within h of the reference, so the two
        // intervals [ref − h, ref + h] and [lower, upper] must meet.
        #expect(
            ball.lower <= reference + half && reference - half <= ball.upper,
            "\(ball) misses \(row.value)")

        // (c) 256 bits pin down far more than 60 digits: the radius is tiny relative to the value.
        if reference != 0 {
            #expect(ball.radius <= ball.midpoint.magnitude.timesPowerOfTwo(-220), "loose: \(ball)")
        } else {
            #expect(ball.radius == 0 && ball.midpoint == 0)
        }

        // (b) 40 digits read off the enclosure match the reference rounded to 40 digits. Skipped
        // for a row whose reference lies within half a 60th-digit unit of a 40-digit rounding
        // boundary (double rounding could then differ); `fewRowsInTieBand` checks there are none
        // or almost none.
        if try !row.inFortyDigitTieBand() {
            #expect(ball.formatted(significantDigits: 40) == reference.formatted(significantDigits: 40))
        }
    }

    @Test func fewRowsInTieBand() throws {
        let skipped = try ReferenceRow.all.filter { try $0.inFortyDigitTieBand() }
        #expect(skipped.count == 0, "rows skipped for the 40-digit check: \(skipped.map(\.testDescription))")
    }

    @Test func zeroValuesAreExact() throws {
        let tanh0 = try Ball(0, precision: 256).applying(.tanh)
        #expect(tanh0.formatted(significantDigits: 40) == "0")
        #expect(Rational("0.0e+0")!.formatted(significantDigits: 40) == "0")
        let log1 = try Ball(1, precision: 256).applying(.log)
        #expect(log1.lower == 0 && log1.upper == 0)
    }
}
