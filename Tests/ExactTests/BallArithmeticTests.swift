import Exact
import Testing

/// The kernels' refusals and their discontinuous and underflowing corners.
@Suite("BallArithmetic")
struct BallArithmeticTests {
    /// A ball around 0 that does not know its sign: 1/3 − 1/3 carries two rounding errors.
    static func straddlingZero(precision: Int = 128) throws -> Ball {
        let third = Ball(Rational("1/3")!, precision: precision)
        let ball = try third - third
        #expect(ball.sign == nil && ball.lower < 0 && ball.upper > 0)
        return ball
    }

    @Test func divisionByBallContainingZeroThrows() throws {
        let zero = try Self.straddlingZero()
        #expect(throws: EnclosureError.divisionByZero) { try Ball(1) / zero }
        #expect(throws: EnclosureError.divisionByZero) { try Ball(1) / Ball(0) }
        #expect(throws: EnclosureError.divisionByZero) { try zero.power(-1) }
        let registers = BallRegisters(count: 2, precision: 64)
        try registers.load(1, into: 0)
        #expect(throws: EnclosureError.divisionByZero) { try registers.divide(0, 1, into: 0) }
    }

    @Test func domainErrors() throws {
        for (function, argument) in [(ElementaryFunction.log, Rational(0)), (.log, -1), (.sqrt, -1)] {
            #expect(
                throws: EnclosureError.domain(
                    function: function.rawValue,
                    requirement: function == .log ? "a positive argument" : "a nonnegative argument")
            ) {
                try Ball(argument).applying(function)
            }
        }
        #expect { try Ball(-1).applying(.sqrt) } throws: { error in
            if case .domain(let function, _)? = error as? EnclosureError { return function == "sqrt" }
            return false
        }
        // A ball that may reach 0 is refused too.
        #expect(throws: EnclosureError.self) { try Self.straddlingZero().applying(.log) }
        // The exact zero has a square root.
        let root = try Ball(0).applying(.sqrt)
        #expect(root.lower == 0 && root.upper == 0)
    }

    @Test func overflow() throws {
        #expect(throws: EnclosureError.overflow) { try Ball(Rational.powerOfTen(12)).applying(.exp) }
    }

    /// softplus(10¹²) = 10¹² + log1p(e^(−10¹²)): finite, though e^(10¹²) is not (it used to overflow).
    @Test func softplusOfALargeArgument() throws {
        let value = try Ball(Rational.powerOfTen(12)).applying(.softplus)
        #expect(value.lower <= Rational.powerOfTen(12) && Rational.powerOfTen(12) < value.upper)
        #expect(value.radius < Rational.powerOfTen(-20))
    }

    @Test func underflowKeepsPositiveValuesEnclosed() throws {
        // e^(−10¹²) ≈ 2^(−1.44·10¹²) is below MPFR's smallest number; the enclosure must still
        // reach above 0 rather than collapse to the point 0.
        let tiny = Ball(-Rational.powerOfTen(12), precision: 128)
        for function in [ElementaryFunction.exp, .logistic, .softplus] {
            let result = try tiny.applying(function)
            #expect(result.upper > 0 && result.lower <= 0 || result.lower > 0, "\(function): \(result)")
            #expect(result.upper < Rational.powerOfTen(-1000), "\(function): \(result)")
        }
    }

    @Test func step() throws {
        #expect(try Ball(0).applying(.step).midpoint == 0)
        #expect(try Ball(0).applying(.step).radius == 0)
        #expect(try Ball(Rational("1e-30")!).applying(.step).midpoint == 1)
        #expect(try Ball(Rational("-1e-30")!).applying(.step).midpoint == 0)
        #expect { try Self.straddlingZero().applying(.step) } throws: { error in
            if case .undecidable? = error as? EnclosureError { return true }
            return false
        }
    }

    @Test func reluOfStraddlingBallContainsBothEnds() throws {
        for precision in [53, 128, 512] {
            let ball = try Self.straddlingZero(precision: precision)
            let relu = try ball.applying(.relu)
            let atLower = max(ball.lower, 0)
            let atUpper = max(ball.upper, 0)
            #expect(relu.contains(atLower) && relu.contains(atUpper), "\(relu)")
            #expect(relu.contains(0))
        }
        #expect(try Ball(-3).applying(.relu).upper == 0)
        #expect(try Ball(Rational("1/3")!).applying(.relu).contains(Rational("1/3")!))
    }

    @Test func functionsOfUncertainArgumentsContainTheImage() throws {
        // Feed balls with real width and check the image of both ends and the midpoint.
        var generator = SplitMix64(seed: 77)
        for _ in 0..<100 {
            let centre = Rational(Int.random(in: -20_000...20_000, using: &generator)) / 1000
            let ball =
                try Ball(centre, precision: 64) + Ball(Rational(1).timesPowerOfTwo(-70), precision: 64)
                - Ball(Rational(1).timesPowerOfTwo(-70), precision: 64)
            for function in [ElementaryFunction.exp, .tanh, .logistic, .softplus, .relu] {
                let wide = try ball.applying(function)
                let sharp = try Ball(centre, precision: 512).applying(function)
                // The exact value f(centre) lies in the 512-bit ball, which is far narrower.
                #expect(wide.lower <= sharp.upper && sharp.lower <= wide.upper, "\(function)(\(centre))")
                #expect(sharp.radius < wide.radius || wide.radius == 0)
            }
            if centre > 0 {
                for function in [ElementaryFunction.log, .sqrt] {
                    let wide = try ball.applying(function)
                    let sharp = try Ball(centre, precision: 512).applying(function)
                    #expect(wide.lower <= sharp.upper && sharp.lower <= wide.upper, "\(function)(\(centre))")
                }
            }
        }
    }
}
