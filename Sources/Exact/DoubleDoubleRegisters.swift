import CGMP

/// Registers of double-double balls (`DoubleDoubleBall`): the certified tier tried before MPFR's,
/// about three times as fast as its 128-bit balls. Values read out are 128-bit MPFR balls without
/// an exact rational: a value that needs one (a tie, relu′ at exactly 0) is left undecided here and
/// decided at the next precision, by `RationalBallRegisters`.
public final class DoubleDoubleRegisters: RegisterFile {
    public let count: Int
    private let balls: UnsafeMutablePointer<DoubleDoubleBall>
    private let exponential = DoubleDoubleExp.shared
    /// Two MPFR temporaries for reading numbers in.
    private let scratch: UnsafeMutablePointer<__mpfr_struct>

    /// `count` registers, each holding exactly 0.
    public init(count: Int) {
        self.count = count
        balls = .allocate(capacity: max(count, 1))
        balls.initialize(repeating: .zero, count: max(count, 1))
        scratch = .allocate(capacity: 2)
        mpfr_init2(scratch, 128)
        mpfr_init2(scratch + 1, 128)
    }

    deinit {
        balls.deallocate()
        mpfr_clear(scratch)
        mpfr_clear(scratch + 1)
        scratch.deallocate()
    }

    public func load(_ value: Rational, into r: Int) throws(EnclosureError) {
        balls[r] = try DoubleDoubleBall(enclosing: value, scratch: scratch, rest: scratch + 1).checked()
    }
    public func copy(_ a: Int, into r: Int) throws(EnclosureError) { balls[r] = balls[a] }
    public func add(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) { balls[r] = try balls[a] + balls[b] }
    public func subtract(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        balls[r] = try balls[a] - balls[b]
    }
    public func multiply(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        balls[r] = try balls[a] * balls[b]
    }
    public func divide(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) { balls[r] = try balls[a] / balls[b] }
    public func negate(_ a: Int, into r: Int) throws(EnclosureError) { balls[r] = -balls[a] }
    public func power(_ a: Int, _ exponent: Int, into r: Int) throws(EnclosureError) {
        balls[r] = try balls[a].power(exponent)
    }
    public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) throws(EnclosureError) {
        balls[r] = try balls[a].applying(function, exp: exponential)
    }

    /// Register `r` as a 128-bit MPFR ball (no exact value).
    public func value(at r: Int) -> RationalBall { RationalBall(ball: balls[r].ball, exact: nil) }

    /// Overwrites register `r` with a ball around `value` (its exact value when it has one). A
    /// value beyond the tier's range leaves a ball that the next operation on it rejects.
    public func set(_ value: RationalBall, at r: Int) {
        if let exact = value.exact {
            balls[r] = DoubleDoubleBall(enclosing: exact, scratch: scratch, rest: scratch + 1)
            return
        }
        balls[r] = value.ball.withSlot { slot in
            DoubleDoubleBall(enclosing: slot.mid, radius: slot.rad.pointee, scratch: scratch)
        }
    }

    /// The ball in register `r`.
    public func ball(at r: Int) -> DoubleDoubleBall { balls[r] }
}
