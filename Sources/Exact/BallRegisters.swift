import CGMP

/// Registers of certified balls at one precision, stored contiguously and reused in place.
public final class BallRegisters: RegisterFile {
    public let precision: Int
    public let count: Int
    private let mids: UnsafeMutablePointer<__mpfr_struct>
    private let radii: UnsafeMutablePointer<Magnitude>
    private let arithmetic: BallArithmetic

    /// `count` registers of `precision` bits, each holding exactly 0.
    public init(count: Int, precision: Int) {
        self.count = count
        self.precision = precision
        mids = .allocate(capacity: max(count, 1))
        radii = .allocate(capacity: max(count, 1))
        radii.initialize(repeating: .zero, count: max(count, 1))
        for index in 0..<count {
            mpfr_init2(mids + index, mpfr_prec_t(precision))
            mpfr_set_zero(mids + index, 1)
        }
        arithmetic = BallArithmetic(precision: precision)
    }

    deinit {
        for index in 0..<count { mpfr_clear(mids + index) }
        mids.deallocate()
        radii.deinitialize(count: max(count, 1))
        radii.deallocate()
    }

    private func slot(_ r: Int) -> BallSlot { BallSlot(mid: mids + r, rad: radii + r) }

    public func load(_ value: Rational, into r: Int) throws(EnclosureError) {
        try arithmetic.load(value, into: slot(r))
    }
    public func copy(_ a: Int, into r: Int) throws(EnclosureError) { try arithmetic.copy(slot(a), into: slot(r)) }
    public func add(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        try arithmetic.add(slot(a), slot(b), into: slot(r))
    }
    public func subtract(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        try arithmetic.subtract(slot(a), slot(b), into: slot(r))
    }
    public func multiply(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        try arithmetic.multiply(slot(a), slot(b), into: slot(r))
    }
    public func divide(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        try arithmetic.divide(slot(a), slot(b), into: slot(r))
    }
    public func negate(_ a: Int, into r: Int) throws(EnclosureError) { try arithmetic.negate(slot(a), into: slot(r)) }
    public func power(_ a: Int, _ exponent: Int, into r: Int) throws(EnclosureError) {
        try arithmetic.power(slot(a), exponent, into: slot(r))
    }
    public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) throws(EnclosureError) {
        try arithmetic.apply(function, slot(a), into: slot(r))
    }

    public func value(at r: Int) -> Ball { Ball(copying: slot(r)) }

    /// The sign every point of register `r` shares (0 for exactly zero), or `nil` when it straddles 0.
    public func sign(at r: Int) -> Int? { arithmetic.sign(slot(r)) }

    public func set(_ value: Ball, at r: Int) {
        value.withSlot { source in
            mpfr_set(mids + r, source.mid, MPFR_RNDN)
            radii[r] = source.rad.pointee
            if mpfr_cmp(mids + r, source.mid) != 0 { radii[r] += BallArithmetic.ulp(mids + r) }
        }
    }
}

extension BallRegisters: CentredRegisters {
    public func radiusBound(at r: Int) -> Double { radii[r].doubleUpperBound }

    public func recentre(at r: Int) { radii[r] = .zero }

    public func widen(at r: Int, by bound: Double) { radii[r] += Magnitude(bound) }

    /// The midpoint rounded to nearest lies within half an ulp, so one step out each way covers it,
    /// and one more each way covers the rounding of adding the radius.
    public func bounds(at r: Int) -> ClosedRange<Double> {
        let middle = mpfr_get_d(mids + r, MPFR_RNDN)
        guard !radii[r].isZero else {
            return middle.isFinite ? middle.nextDown...middle.nextUp : -Double.infinity...Double.infinity
        }
        let radius = radii[r].doubleUpperBound
        let lower = (middle.nextDown - radius).nextDown
        let upper = (middle.nextUp + radius).nextUp
        return lower.isNaN || upper.isNaN ? -Double.infinity...Double.infinity : lower...upper
    }

    public func load(enclosing range: ClosedRange<Double>, into r: Int) throws(EnclosureError) {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { throw .overflow }
        let (middle, reach) = range.centreAndRadius
        guard middle.isFinite, reach.isFinite else { throw .overflow }
        mpfr_set_d(mids + r, middle, MPFR_RNDN)
        radii[r] = Magnitude(reach)
        if mpfr_get_d(mids + r, MPFR_RNDN) != middle { radii[r] += BallArithmetic.ulp(mids + r) }
    }
}
