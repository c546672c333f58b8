import Exact
import Testing

/// Property tests: a ball computed from exact inputs contains the exact `Rational` result, at
/// every precision, and more bits never give a wider ball.
@Suite("Ball")
struct BallTests {
    static let precisions = [64, 128, 256]
    static let cases = 600

    enum Operation: String, CaseIterable, Sendable { case add, subtract, multiply, divide }

    static func exact(_ operation: Operation, _ a: Rational, _ b: Rational) -> Rational {
        switch operation {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        }
    }

    static func ball(_ operation: Operation, _ a: Ball, _ b: Ball) throws -> Ball {
        switch operation {
        case .add: try a + b
        case .subtract: try a - b
        case .multiply: try a * b
        case .divide: try a / b
        }
    }

    @Test(arguments: Operation.allCases)
    func arithmeticContainsExactResult(_ operation: Operation) throws {
        var generator = SplitMix64(seed: 0x5EED_0000 + UInt64(operation.rawValue.count))
        for _ in 0..<Self.cases {
            let a = generator.rational()
            let b = generator.rational(nonzero: operation == .divide)
            let exact = Self.exact(operation, a, b)
            var radii: [Rational] = []
            for precision in Self.precisions {
                let result = try Self.ball(operation, Ball(a, precision: precision), Ball(b, precision: precision))
                #expect(result.precision == precision)
                #expect(result.contains(exact), "\(a) \(operation) \(b) at \(precision) bits: \(result)")
                radii.append(result.radius)
            }
            #expect(radii[2] <= radii[0], "\(a) \(operation) \(b): radius grew with precision \(radii)")
            #expect(radii[1] <= radii[0] && radii[2] <= radii[1])
        }
    }

    @Test func powersContainExactResult() throws {
        var generator = SplitMix64(seed: 0xB0B)
        var checked = 0
        for _ in 0..<Self.cases {
            let base = generator.rational()
            let exponent = Int.random(in: -5...7, using: &generator)
            guard let exact = base.power(exponent) else {
                #expect(base == 0 && exponent < 0)
                #expect(throws: EnclosureError.divisionByZero) { try Ball(base).power(exponent) }
                continue
            }
            var radii: [Rational] = []
            for precision in Self.precisions {
                let result = try Ball(base, precision: precision).power(exponent)
                #expect(result.contains(exact), "\(base)^\(exponent) at \(precision) bits: \(result)")
                radii.append(result.radius)
            }
            #expect(radii[2] <= radii[0], "\(base)^\(exponent): radius grew with precision \(radii)")
            checked += 1
        }
        #expect(checked >= 500)
    }

    @Test func exactInputsGiveExactBalls() throws {
        let half = Ball(Rational(numerator: 1, denominator: 2)!, precision: 64)
        #expect(half.radius == 0 && half.midpoint == Rational("0.5")!)
        let sum = try half + half
        #expect(sum.radius == 0 && sum.midpoint == 1 && sum.sign == 1)
        let third = Ball(Rational("1/3")!, precision: 64)
        #expect(third.radius > 0 && third.contains(Rational("1/3")!))
        #expect(third.radius <= Rational(1).timesPowerOfTwo(-65))
        #expect(Ball(0).sign == 0 && Ball(-2).sign == -1)
    }

    @Test func mixedPrecisionUsesTheHigher() throws {
        let result = try Ball(Rational("0.1")!, precision: 64) + Ball(Rational("0.2")!, precision: 256)
        #expect(result.precision == 256)
        #expect(result.contains(Rational("0.3")!))
    }

    @Test func formattingAndDescription() throws {
        let third = Ball(Rational("1/3")!, precision: 128)
        #expect(third.formatted(significantDigits: 10) == "0.3333333333")
        #expect(third.description.hasPrefix("0.33333333333333333333 ± "))
        #expect(abs(third.doubleValue - 1.0 / 3.0) == 0)
        #expect(third.accurateBits >= 120)
        // A ball straddling a rounding boundary cannot be formatted.
        let zeroish = try third - third
        #expect(zeroish.sign == nil)
        #expect(zeroish.formatted(significantDigits: 3) == nil)
    }

    @Test func valueSemantics() throws {
        let a = Ball(Rational("0.1")!, precision: 128)
        var b = a
        b = try b + Ball(1, precision: 128)
        #expect(a.contains(Rational("0.1")!) && !a.contains(Rational("1.1")!))
        #expect(b.contains(Rational("1.1")!))
    }
}
