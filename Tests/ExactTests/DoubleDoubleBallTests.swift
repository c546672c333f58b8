import Exact
import Testing

/// The double-double tier (`DoubleDouble`, `DoubleDoubleBall`, `DoubleDoubleRegisters`): its
/// error-free transformations are exact, every enclosure contains the true value (exact rationals
/// for + − × ÷ and powers, mpmath's 60-digit table for exp, logistic and tanh), and its balls are
/// narrow enough to be worth trying before MPFR's.
@Suite("Double-double balls")
struct DoubleDoubleBallTests {
    static func exact(_ value: DoubleDouble) -> Rational {
        (Rational(exactly: value.hi) ?? 0) + (Rational(exactly: value.lo) ?? 0)
    }

    /// The ball's endpoints as exact rationals.
    static func bounds(_ ball: DoubleDoubleBall) -> (lower: Rational, upper: Rational) {
        let mid = exact(ball.mid)
        let radius = Rational(exactly: ball.radius) ?? 0
        return (mid - radius, mid + radius)
    }

    static func contains(_ ball: DoubleDoubleBall, _ value: Rational) -> Bool {
        let (lower, upper) = bounds(ball)
        return lower <= value && value <= upper
    }

    /// A random double over many binades, of either sign.
    static func double(_ generator: inout SplitMix64, binades: ClosedRange<Int> = -60...60) -> Double {
        let exponent = Int.random(in: binades, using: &generator)
        let significand = Double.random(in: 1..<2, using: &generator)
        let value = Double(sign: .plus, exponent: exponent, significand: significand)
        return Bool.random(using: &generator) ? -value : value
    }

    @Test func twoSumAndTwoProductAreExact() {
        var generator = SplitMix64(seed: 0xDD01)
        for _ in 0..<2_000 {
            let a = Self.double(&generator, binades: -400...400)
            let b = Self.double(&generator, binades: -400...400)
            let x = Rational(exactly: a) ?? 0
            let y = Rational(exactly: b) ?? 0
            #expect(Self.exact(DoubleDouble.twoSum(a, b)) == x + y, "\(a) + \(b)")
            #expect(Self.exact(DoubleDouble.twoProduct(a, b)) == x * y, "\(a) · \(b)")
        }
    }

    /// A random ball around a random rational, with a radius of 0 or up to 2^−40 of it; and the
    /// points the test follows through it: both ends and the middle.
    static func ball(_ generator: inout SplitMix64) throws -> (DoubleDoubleBall, [Rational]) {
        let registers = DoubleDoubleRegisters(count: 1)
        try registers.load(generator.rational(nonzero: true), into: 0)
        var ball = registers.ball(at: 0)
        if Bool.random(using: &generator) {
            ball.radius += ball.mid.hi.magnitude * Double.random(in: 0...0x1p-40, using: &generator)
        }
        let (lower, upper) = bounds(ball)
        return (ball, [lower, exact(ball.mid), upper])
    }

    @Test func arithmeticEnclosesEveryPointOfItsOperands() throws {
        var generator = SplitMix64(seed: 0xDD02)
        var checked = 0
        for _ in 0..<1_500 {
            guard let (a, xs) = try? Self.ball(&generator), let (b, ys) = try? Self.ball(&generator) else { continue }
            let operations:
                [(
                    String, (DoubleDoubleBall, DoubleDoubleBall) throws -> DoubleDoubleBall,
                    (Rational, Rational) -> Rational?
                )] = [
                    ("+", { try $0 + $1 }, { $0 + $1 }), ("−", { try $0 - $1 }, { $0 - $1 }),
                    ("×", { try $0 * $1 }, { $0 * $1 }), ("÷", { try $0 / $1 }, { $1 == 0 ? nil : $0 / $1 }),
                ]
            for (name, ball, exact) in operations {
                guard let result = try? ball(a, b) else { continue }
                for x in xs {
                    for y in ys {
                        guard let value = exact(x, y) else { continue }
                        #expect(Self.contains(result, value), "\(a) \(name) \(b) = \(result) misses \(x) \(name) \(y)")
                        checked += 1
                    }
                }
            }
            let exponent = Int.random(in: -4...7, using: &generator)
            if let result = try? a.power(exponent) {
                for x in xs {
                    guard let value = x.power(exponent) else { continue }
                    #expect(Self.contains(result, value), "\(a)^\(exponent) = \(result)")
                }
            }
        }
        #expect(checked > 30_000)
    }

    /// Products, quotients and sums of points (radius 0) stay within 2^−100 of their value, relative.
    @Test func pointResultsAreNarrow() throws {
        var generator = SplitMix64(seed: 0xDD03)
        for _ in 0..<1_000 {
            let a = DoubleDoubleBall(
                mid: DoubleDouble.twoSum(Self.double(&generator), Self.double(&generator) * 0x1p-60),
                radius: 0)
            let b = DoubleDoubleBall(Self.double(&generator))
            for result in [try a * b, try a / b, try a + b] {
                #expect(result.radius <= result.mid.hi.magnitude * 0x1p-100, "\(result)")
            }
        }
    }

    @Test func functionsEncloseMpmathsValues() throws {
        let rows = ReferenceRow.all.filter { ["exp", "logistic", "tanh"].contains($0.function) }
        var decided = 0
        for row in rows {
            let function = try #require(ElementaryFunction(rawValue: row.function))
            let argument = try #require(Rational(row.argument))
            let (reference, half) = try row.reference()
            let registers = DoubleDoubleRegisters(count: 2)
            guard (try? registers.load(argument, into: 0)) != nil,
                (try? registers.apply(function, 0, into: 1)) != nil
            else { continue }
            let (lower, upper) = Self.bounds(registers.ball(at: 1))
            #expect(lower <= reference + half && reference - half <= upper, "\(row): \(registers.ball(at: 1))")
            let ball = registers.value(at: 1).ball
            #expect(ball.lower <= reference + half && reference - half <= ball.upper, "\(row) read out: \(ball)")
            // Narrow where the function is well conditioned: the argument's own rounding to 106
            // bits moves e^x by x·2^−106 relative, and tanh near 0 loses to cancellation.
            if argument.magnitude <= 8, reference.magnitude > Rational.powerOfTen(-3) {
                #expect(
                    Rational(exactly: registers.ball(at: 1).radius) ?? 0 <= reference.magnitude.timesPowerOfTwo(-94),
                    "\(row): \(registers.ball(at: 1)) is wide")
            }
            decided += 1
        }
        #expect(decided > 150)
    }

    /// A wide argument: every point's image lies in the ball (exp is monotone, so its ends suffice).
    @Test func expOfAWideBallHoldsItsEnds() throws {
        var generator = SplitMix64(seed: 0xDD04)
        for _ in 0..<200 {
            let middle = Double.random(in: -30...30, using: &generator)
            let x = DoubleDoubleBall(
                mid: DoubleDouble(middle), radius: Double.random(in: 0...0x1p-9, using: &generator))
            let result = try DoubleDoubleExp.shared(x)
            let (lower, upper) = Self.bounds(x)
            for end in [lower, upper] {
                let ball = try Ball(end, precision: 256).applying(.exp)
                #expect(Self.contains(result, ball.lower) && Self.contains(result, ball.upper), "e^\(end): \(result)")
            }
        }
    }

    @Test func leavesToMPFRWhatItCannotDo() throws {
        let huge = DoubleDoubleBall(0x1p800)
        #expect(throws: EnclosureError.outsideDoubleDouble) { try huge * huge }
        #expect(throws: EnclosureError.outsideDoubleDouble) {
            try DoubleDoubleBall(0x1p-800) * DoubleDoubleBall(0x1p-800)
        }
        #expect(throws: EnclosureError.outsideDoubleDouble) { try DoubleDoubleExp.shared(DoubleDoubleBall(700)) }
        #expect(throws: EnclosureError.outsideDoubleDouble) { try DoubleDoubleBall.one.applying(.log, exp: .shared) }
        let straddling = DoubleDoubleBall(mid: DoubleDouble(0x1p-60), radius: 0x1p-50)
        #expect(throws: EnclosureError.divisionByZero) { try DoubleDoubleBall.one / straddling }
        #expect(straddling.sign == nil)
        #expect(throws: EnclosureError.self) { try straddling.applying(.step, exp: .shared) }
        #expect(try DoubleDoubleBall.zero.applying(.step, exp: .shared).mid.hi == 0)
        let relu = try straddling.applying(.relu, exp: .shared)
        #expect(Self.contains(relu, 0) && Self.contains(relu, Self.bounds(straddling).upper))
    }

    @Test func registersReadInAndOutWithoutLosingTheValue() throws {
        var generator = SplitMix64(seed: 0xDD05)
        let registers = DoubleDoubleRegisters(count: 2)
        for _ in 0..<500 {
            let value = generator.rational()
            guard (try? registers.load(value, into: 0)) != nil else { continue }
            #expect(Self.contains(registers.ball(at: 0), value))
            let read = registers.value(at: 0)
            #expect(read.exact == nil && read.ball.contains(value))
            registers.set(RationalBall(ball: Ball(value, precision: 200), exact: nil), at: 1)
            #expect(Self.contains(registers.ball(at: 1), value))
            registers.set(RationalBall(ball: Ball(0), exact: value), at: 1)
            #expect(Self.contains(registers.ball(at: 1), value))
        }
    }
}
