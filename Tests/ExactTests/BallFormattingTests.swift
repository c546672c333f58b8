import Testing

@testable import Exact

/// Digits of balls far from 1, read after scaling by a power of ten (`Ball+Formatting.swift`).
@Suite("Ball formatting far from 1")
struct BallFormattingTests {
    @Test func shiftedRationalsFormatAsTheScaledValue() {
        let x = Rational("1.2345") ?? 0
        #expect(x.formatted(significantDigits: 3, timesTenToThe: 100) == "1.23e100")
        #expect(x.formatted(significantDigits: 3, timesTenToThe: -100) == "1.23e-100")
        #expect(x.formatted(significantDigits: 3, timesTenToThe: 2) == "123")
        #expect(x.formatted(significantDigits: 4, timesTenToThe: -3) == "0.001234")
        #expect(
            (x * 100).formatted(significantDigits: 5, timesTenToThe: 0)
                == x.formatted(significantDigits: 5, timesTenToThe: 2))
    }

    /// Just past the threshold (2^16384) the scaled path gives what the exact one gives before it.
    @Test(arguments: [(10_000, false), (10_500, true)])  // 3^n has about 1.585·n bits
    func bothPathsAgreeAroundTheThreshold(power: Int, far: Bool) throws {
        let ball = try Ball(Rational(3), precision: 128).power(power)
        #expect(ball.isFarFromOne == far)
        #expect(ball.formatted(significantDigits: 25) == Rational(3).power(power)?.formatted(significantDigits: 25))
    }

    /// A ball far from 1 that straddles zero decides no digits.
    @Test func straddlingZeroFarFromOneIsUndecided() throws {
        let tiny = try Ball(Rational(3), precision: 128).power(-20_000)
        let straddling = try tiny - tiny
        #expect(straddling.isFarFromOne)
        #expect(straddling.formatted(significantDigits: 3) == nil)
    }
}
