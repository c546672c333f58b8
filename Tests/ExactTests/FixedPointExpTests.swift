import Exact
import Testing

/// The fixed-point exp (`FixedPointExp`) behind exp, logistic and softplus at precisions up to
/// 128 bits, against the same mpmath table as the 256-bit tests (`Resources/functions.tsv`).
@Suite("Elementary functions against mpmath at 128 bits and below")
struct FixedPointExpTests {
    static let rows = ReferenceRow.all.filter { ["exp", "logistic", "softplus"].contains($0.function) }

    @Test(arguments: [128, 100, 64])
    func enclosuresContainTheReference(precision: Int) throws {
        #expect(Self.rows.count > 200)
        for row in Self.rows {
            let function = try #require(ElementaryFunction(rawValue: row.function))
            let argument = try #require(Rational(row.argument))
            let (reference, half) = try row.reference()
            let ball = try Ball(argument, precision: precision).applying(function)
            #expect(
                ball.lower <= reference + half && reference - half <= ball.upper,
                "\(row.function)(\(row.argument)) at \(precision) bits: \(ball) misses \(row.value)")
        }
    }

    /// At 128 bits the enclosure is within 2^−118 of the value, relative: about 35 correct digits,
    /// for every argument inside the fixed-point method's range (|x| < 512) whose value is not tiny.
    @Test func enclosuresAreTightAt128Bits() throws {
        for row in Self.rows {
            let function = try #require(ElementaryFunction(rawValue: row.function))
            let argument = try #require(Rational(row.argument))
            guard argument.magnitude < 500 else { continue }
            let ball = try Ball(argument, precision: 128).applying(function)
            guard ball.midpoint.magnitude > Rational.powerOfTen(-200) else { continue }
            #expect(
                ball.radius <= ball.midpoint.magnitude.timesPowerOfTwo(-118),
                "\(row.function)(\(row.argument)): \(ball)")
            #expect(
                ball.formatted(significantDigits: 30) == (try row.reference().value).formatted(significantDigits: 30))
        }
    }
}
