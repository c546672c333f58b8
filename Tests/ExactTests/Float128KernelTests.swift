import Exact
import Testing

/// The 128-bit kernels (`Float128Kernel`) on the cases that stress their alignment and
/// normalisation: carries, cancellation, operands far apart, signs. Every result must contain
/// the exact sum, difference or product of the operands' exact values.
@Suite("128-bit kernels")
struct Float128KernelTests {
    static let two: Rational = 2
    static let pairs: [(Rational, Rational)] = {
        let one: Rational = 1
        let almostTwo = two - two.power(-127)!  // all 128 significand bits set
        let tiny = two.power(-300)!
        return [
            (almostTwo, almostTwo),  // the sum carries out of 128 bits
            (one + two.power(-200)!, one),  // cancellation down to 2^−200
            (one, tiny), (one, -tiny),  // the smaller operand beyond 256 bits
            (one, two.power(-130)!), (one, two.power(-129)!), (one, two.power(-128)!),
            (Rational(3) / 7, -Rational(2) / 7), (-almostTwo, almostTwo / 2),
            (Rational(1) / 3, Rational(1) / 3), (two.power(100)!, -two.power(-100)!),
            (Rational(12_345_678_901) / 1_000_000, -Rational(12_345_678_900) / 1_000_000),
        ]
    }()

    @Test func sumsDifferencesAndProductsContainTheExactResult() throws {
        for (a, b) in Self.pairs {
            let x = Ball(a, precision: 128)
            let y = Ball(b, precision: 128)
            let sum = try x + y
            let difference = try x - y
            let product = try x * y
            #expect(sum.contains(a + b), "\(a) + \(b): \(sum)")
            #expect(difference.contains(a - b), "\(a) − \(b): \(difference)")
            #expect(product.contains(a * b), "\(a) · \(b): \(product)")
            // The kernels truncate but stay tight: within 2^−120 of the result's size, or of the
            // operands' when the result cancels.
            let scale = max(a.magnitude, b.magnitude)
            #expect(sum.radius <= scale.timesPowerOfTwo(-120) && difference.radius <= scale.timesPowerOfTwo(-120))
        }
    }

    @Test func exactCancellationGivesExactZero() throws {
        let x = Ball(Rational(3) / 8, precision: 128)
        let zero = try x - x
        #expect(zero.lower == 0 && zero.upper == 0)
    }
}
