/// Certified registers that carry exactly what stays rational: each register holds a ball and,
/// while every operation that made it was rational (sums, products, quotients, integer powers,
/// relu and relu′, exp(0), …), its exact value. A value that sits exactly on a rounding boundary
/// (0.15 at one decimal) can then be decided, and relu′ at an argument that is exactly 0 is 0,
/// even inside a model whose other parts need balls. An exact value whose numerator and
/// denominator together grow past `exactBitLimit` bits is dropped, and the ball goes on alone.
public final class RationalBallRegisters: RegisterFile {
    private let balls: BallRegisters
    /// The exact values, in memory of their own (an array property of a class would pay for an
    /// exclusivity check on every access, in the hot loop of every certified evaluation).
    private let exact: UnsafeMutablePointer<Rational?>
    /// What each register's exact value is, read without touching the value itself (which would
    /// retain and release it): most operations in training have an operand with none.
    private let kinds: UnsafeMutablePointer<ExactKind>

    private enum ExactKind: UInt8 { case none, nonzero, zero }

    /// Beyond this size an exact value costs more than it can tell.
    public static let exactBitLimit = 1 << 14

    public init(count: Int, precision: Int) {
        balls = BallRegisters(count: count, precision: precision)
        exact = .allocate(capacity: max(count, 1))
        exact.initialize(repeating: nil, count: max(count, 1))
        kinds = .allocate(capacity: max(count, 1))
        kinds.initialize(repeating: .none, count: max(count, 1))
    }

    deinit {
        exact.deinitialize(count: max(balls.count, 1))
        exact.deallocate()
        kinds.deallocate()
    }

    /// Sets register `r`'s exact value (or drops it).
    @inline(__always)
    private func setExact(_ value: Rational?, at r: Int) {
        guard let value else {
            if kinds[r] != .none {
                exact[r] = nil
                kinds[r] = .none
            }
            return
        }
        exact[r] = value
        kinds[r] = value.signum == 0 ? .zero : .nonzero
    }

    public var count: Int { balls.count }
    public var precision: Int { balls.precision }

    /// Stores an exact result in both forms, or only the ball when it has grown too large.
    private func store(_ value: Rational, into r: Int) throws(EnclosureError) {
        guard value.numerator.bitLength + value.denominator.bitLength <= Self.exactBitLimit else {
            setExact(nil, at: r)
            return try balls.load(value, into: r)
        }
        setExact(value, at: r)
        try balls.load(value, into: r)
    }

    /// Both operands' exact values, when both have one.
    @inline(__always)
    private func exactPair(_ a: Int, _ b: Int) -> (Rational, Rational)? {
        guard kinds[a] != .none, kinds[b] != .none, let x = exact[a], let y = exact[b] else { return nil }
        return (x, y)
    }

    public func load(_ value: Rational, into r: Int) throws(EnclosureError) { try store(value, into: r) }

    public func copy(_ a: Int, into r: Int) throws(EnclosureError) {
        setExact(kinds[a] == .none ? nil : exact[a], at: r)
        try balls.copy(a, into: r)
    }

    public func add(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        if let (x, y) = exactPair(a, b) { return try store(x + y, into: r) }
        setExact(nil, at: r)
        try balls.add(a, b, into: r)
    }

    public func subtract(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        if let (x, y) = exactPair(a, b) { return try store(x - y, into: r) }
        setExact(nil, at: r)
        try balls.subtract(a, b, into: r)
    }

    public func multiply(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        if let (x, y) = exactPair(a, b) { return try store(x * y, into: r) }
        setExact(nil, at: r)
        try balls.multiply(a, b, into: r)
        // A finite value times exactly 0 is exactly 0 (a dead unit's contribution).
        if kinds[a] == .zero || kinds[b] == .zero { try store(0, into: r) }
    }

    public func divide(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        if kinds[b] == .zero { throw .divisionByZero }
        if let (x, y) = exactPair(a, b) { return try store(x / y, into: r) }
        setExact(nil, at: r)
        try balls.divide(a, b, into: r)
    }

    public func negate(_ a: Int, into r: Int) throws(EnclosureError) {
        if kinds[a] != .none, let x = exact[a] { return try store(-x, into: r) }
        setExact(nil, at: r)
        try balls.negate(a, into: r)
    }

    public func power(_ a: Int, _ exponent: Int, into r: Int) throws(EnclosureError) {
        if kinds[a] != .none, let x = exact[a], x.powerSize(exponent) <= Self.exactBitLimit {
            guard let value = x.power(exponent) else { throw .divisionByZero }
            return try store(value, into: r)
        }
        setExact(nil, at: r)
        try balls.power(a, exponent, into: r)
    }

    public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) throws(EnclosureError) {
        if kinds[a] != .none, let x = exact[a] {
            if let error = function.domainError(at: x) { throw error }
            if let value = function.exactValue(at: x) { return try store(value, into: r) }
        }
        // relu and relu′ of a ball that lies on one side of 0 are known exactly there.
        let sign = function == .relu || function == .step ? balls.sign(at: a) : nil
        if let sign, sign <= 0 { return try store(0, into: r) }
        if function == .step, sign == 1 { return try store(1, into: r) }
        setExact(nil, at: r)
        try balls.apply(function, a, into: r)
    }

    public func value(at r: Int) -> RationalBall {
        RationalBall(ball: balls.value(at: r), exact: kinds[r] == .none ? nil : exact[r])
    }

    public func set(_ value: RationalBall, at r: Int) {
        balls.set(value.ball, at: r)
        setExact(value.exact, at: r)
    }
}

extension RationalBallRegisters: CentredRegisters {
    public func radiusBound(at r: Int) -> Double { balls.radiusBound(at: r) }

    /// The exact value, if any, goes with the radius: the register now stands for its midpoint.
    public func recentre(at r: Int) {
        setExact(nil, at: r)
        balls.recentre(at: r)
    }

    public func widen(at r: Int, by bound: Double) {
        guard bound > 0 else { return }
        setExact(nil, at: r)
        balls.widen(at: r, by: bound)
    }

    public func bounds(at r: Int) -> ClosedRange<Double> { balls.bounds(at: r) }

    public func load(enclosing range: ClosedRange<Double>, into r: Int) throws(EnclosureError) {
        setExact(nil, at: r)
        try balls.load(enclosing: range, into: r)
    }
}
