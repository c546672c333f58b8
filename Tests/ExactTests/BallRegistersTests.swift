import Exact
import Testing

/// The same properties as `BallTests`, through the in-place register file.
@Suite("BallRegisters")
struct BallRegistersTests {
    @Test(arguments: [64, 128, 256])
    func operationsContainExactResults(precision: Int) throws {
        var generator = SplitMix64(seed: 0xBA11 &+ UInt64(precision))
        let registers = BallRegisters(count: 4, precision: precision)
        #expect(registers.count == 4 && registers.precision == precision)
        for _ in 0..<500 {
            let a = generator.rational()
            let b = generator.rational(nonzero: true)
            let exponent = Int.random(in: -5...7, using: &generator)
            try registers.load(a, into: 0)
            try registers.load(b, into: 1)
            let checks: [(String, Rational?, () throws -> Void)] = [
                ("+", a + b, { try registers.add(0, 1, into: 2) }),
                ("−", a - b, { try registers.subtract(0, 1, into: 2) }),
                ("×", a * b, { try registers.multiply(0, 1, into: 2) }),
                ("÷", a / b, { try registers.divide(0, 1, into: 2) }),
                ("neg", -a, { try registers.negate(0, into: 2) }),
                ("copy", a, { try registers.copy(0, into: 2) }),
                ("^", b.power(exponent), { try registers.power(1, exponent, into: 2) }),
            ]
            for (name, exact, operation) in checks {
                try operation()
                let value = registers.value(at: 2)
                #expect(value.precision == precision)
                #expect(value.contains(exact!), "\(a) \(name) \(b) (^\(exponent)) at \(precision): \(value)")
            }
            // In place: the destination is an operand.
            try registers.copy(0, into: 3)
            try registers.multiply(3, 3, into: 3)
            try registers.add(3, 1, into: 3)
            #expect(registers.value(at: 3).contains(a * a + b))
            try registers.power(1, exponent, into: 1)
            #expect(registers.value(at: 1).contains(b.power(exponent)!))
        }
    }

    @Test func radiiShrinkWithPrecision() throws {
        var generator = SplitMix64(seed: 4242)
        let low = BallRegisters(count: 3, precision: 64)
        let high = BallRegisters(count: 3, precision: 256)
        for _ in 0..<500 {
            let a = generator.rational()
            let b = generator.rational(nonzero: true)
            for registers in [low, high] {
                try registers.load(a, into: 0)
                try registers.load(b, into: 1)
                try registers.divide(0, 1, into: 2)
                try registers.apply(.tanh, 2, into: 2)
            }
            #expect(high.value(at: 2).radius <= low.value(at: 2).radius)
        }
    }

    @Test func agreesWithBall() throws {
        let registers = BallRegisters(count: 2, precision: 128)
        try registers.load(Rational("0.3775")!, into: 0)
        try registers.apply(.logistic, 0, into: 1)
        let direct = try Ball(Rational("0.3775")!, precision: 128).applying(.logistic)
        let viaRegisters = registers.value(at: 1)
        #expect(viaRegisters.midpoint == direct.midpoint && viaRegisters.radius == direct.radius)
        #expect(viaRegisters.formatted(significantDigits: 9) == "0.593269992")
    }

    @Test func setAndValueRoundTrip() throws {
        let registers = BallRegisters(count: 1, precision: 64)
        #expect(registers.value(at: 0).midpoint == 0 && registers.value(at: 0).radius == 0)
        // A wider ball set into narrower registers is rounded outward.
        let third = Ball(Rational("1/3")!, precision: 256)
        registers.set(third, at: 0)
        let stored = registers.value(at: 0)
        #expect(stored.precision == 64 && stored.contains(Rational("1/3")!))
        #expect(stored.lower <= third.lower && third.upper <= stored.upper)
        // value(at:) is a copy: later operations do not change it.
        try registers.load(5, into: 0)
        #expect(stored.contains(Rational("1/3")!) && registers.value(at: 0).midpoint == 5)
    }

    @Test func logisticFixedPointStaysBounded() throws {
        // The benchmark's loop: logistic applied in place many times; the radius stays tiny.
        let registers = BallRegisters(count: 1, precision: 128)
        try registers.load(Rational("0.3775")!, into: 0)
        for _ in 0..<10_000 { try registers.apply(.logistic, 0, into: 0) }
        let value = registers.value(at: 0)
        #expect(value.radius < Rational(1).timesPowerOfTwo(-120))
        #expect(value.formatted(significantDigits: 15) == "0.659046068407407")
    }
}
