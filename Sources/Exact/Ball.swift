import CGMP

/// A certified enclosure of a real number: an MPFR midpoint and a radius, meaning the closed
/// interval [mid − rad, mid + rad], which always contains the exact value it stands for.
public struct Ball: Sendable {
    final class Storage: @unchecked Sendable {
        /// Heap-held so that using one ball twice in an operation is not an exclusivity conflict.
        let mid: UnsafeMutablePointer<__mpfr_struct>
        let rad: UnsafeMutablePointer<Magnitude>
        init(precision: Int) {
            mid = .allocate(capacity: 1)
            rad = .allocate(capacity: 1)
            rad.initialize(to: .zero)
            mpfr_init2(mid, mpfr_prec_t(precision))
        }
        deinit {
            mpfr_clear(mid)
            mid.deallocate()
            rad.deinitialize(count: 1)
            rad.deallocate()
        }
    }

    private let storage: Storage

    init(copying slot: BallSlot) {
        storage = Storage(precision: Int(cgmp_mpfr_get_prec(slot.mid)))
        mpfr_set(storage.mid, slot.mid, MPFR_RNDN)
        storage.rad.pointee = slot.rad.pointee
    }

    init<E: Error>(precision: Int, _ body: (BallSlot) throws(E) -> Void) throws(E) {
        storage = Storage(precision: precision)
        try withSlot { slot throws(E) in try body(slot) }
    }

    func withSlot<R, E: Error>(_ body: (BallSlot) throws(E) -> R) throws(E) -> R {
        try body(BallSlot(mid: storage.mid, rad: storage.rad))
    }

    /// The tightest ball around `value` at `precision` bits (exact when the value is dyadic and fits).
    public init(_ value: Rational, precision: Int = 128) {
        storage = Storage(precision: precision)
        let ternary = value.withPointer { q in withSlot { mpfr_set_q($0.mid, q, MPFR_RNDN) } }
        storage.rad.pointee = ternary != 0 ? BallArithmetic.ulp(storage.mid) : .zero
    }

    /// The working precision of the midpoint, in bits.
    public var precision: Int { Int(withSlot { cgmp_mpfr_get_prec($0.mid) }) }

    /// The midpoint, exactly.
    public var midpoint: Rational {
        withSlot { slot in Rational.make { mpfr_get_q($0, slot.mid) } }
    }

    /// The radius as an exact rational.
    public var radius: Rational { storage.rad.pointee.rational }

    /// The radius, rounded up, as a `Double` (for display).
    public var radiusEstimate: Double { storage.rad.pointee.rational.doubleValue.nextUp }

    /// Exact endpoints of the enclosure.
    public var lower: Rational { midpoint - radius }
    public var upper: Rational { midpoint + radius }

    public func contains(_ value: Rational) -> Bool { lower <= value && value <= upper }

    /// The sign every point shares, 0 for exactly zero, or `nil` when the ball straddles zero.
    public var sign: Int? {
        let low = lower
        let high = upper
        if low.signum > 0 { return 1 }
        if high.signum < 0 { return -1 }
        return low.signum == 0 && high.signum == 0 ? 0 : nil
    }

    /// The value rounded to `significantDigits`, when every point of the ball rounds alike.
    public func formatted(significantDigits: Int, rule: RoundingRule = .halfEven) -> String? {
        if isFarFromOne { return formattedFarFromOne(significantDigits: significantDigits, rule: rule) }
        let low = lower.formatted(significantDigits: significantDigits, rule: rule)
        return low == upper.formatted(significantDigits: significantDigits, rule: rule) ? low : nil
    }

    /// As many significant digits as the enclosure decides, up to `limit` (the description with
    /// its radius when it decides none).
    public func formatted(atMostSignificantDigits limit: Int) -> String {
        for count in stride(from: limit, through: 1, by: -1) {
            if let text = formatted(significantDigits: count) { return text }
        }
        return description
    }

    /// The nearest `Double` to the midpoint, for display.
    public var doubleValue: Double { withSlot { mpfr_get_d($0.mid, MPFR_RNDN) } }

    /// Roughly how many significant bits the enclosure pins down.
    public var accurateBits: Int {
        let mid = midpoint.magnitude
        let rad = radius
        guard rad.signum > 0 else { return precision }
        guard mid.signum > 0, let ratio = (mid / rad).decimalExponent else { return 0 }
        return max(Int(Double(ratio) * 3.3219), 0)
    }
}

extension Ball {
    private static func combine(
        _ a: Ball, _ b: Ball, _ operation: (BallArithmetic, BallSlot, BallSlot, BallSlot) throws(EnclosureError) -> Void
    ) throws(EnclosureError) -> Ball {
        let precision = max(a.precision, b.precision)
        let arithmetic = BallArithmetic(precision: precision)
        return try Ball(precision: precision) { r throws(EnclosureError) in
            try a.withSlot { x throws(EnclosureError) in
                try b.withSlot { y throws(EnclosureError) in try operation(arithmetic, x, y, r) }
            }
        }
    }

    public static func + (a: Ball, b: Ball) throws(EnclosureError) -> Ball {
        try combine(a, b) { k, x, y, r throws(EnclosureError) in try k.add(x, y, into: r) }
    }
    public static func - (a: Ball, b: Ball) throws(EnclosureError) -> Ball {
        try combine(a, b) { k, x, y, r throws(EnclosureError) in try k.subtract(x, y, into: r) }
    }
    public static func * (a: Ball, b: Ball) throws(EnclosureError) -> Ball {
        try combine(a, b) { k, x, y, r throws(EnclosureError) in try k.multiply(x, y, into: r) }
    }
    public static func / (a: Ball, b: Ball) throws(EnclosureError) -> Ball {
        try combine(a, b) { k, x, y, r throws(EnclosureError) in try k.divide(x, y, into: r) }
    }

    /// `function` applied with a certified enclosure of its result.
    public func applying(_ function: ElementaryFunction) throws(EnclosureError) -> Ball {
        let arithmetic = BallArithmetic(precision: precision)
        return try Ball(precision: precision) { r throws(EnclosureError) in
            try withSlot { x throws(EnclosureError) in try arithmetic.apply(function, x, into: r) }
        }
    }

    /// An integer power.
    public func power(_ exponent: Int) throws(EnclosureError) -> Ball {
        let arithmetic = BallArithmetic(precision: precision)
        return try Ball(precision: precision) { r throws(EnclosureError) in
            try withSlot { x throws(EnclosureError) in try arithmetic.power(x, exponent, into: r) }
        }
    }
}

extension Ball: CustomStringConvertible {
    /// Midpoint to 20 digits with the radius: `0.59326999210718… ± 3e-39`.
    public var description: String {
        "\(midpoint.formatted(significantDigits: 20)) ± \(radius.formatted(significantDigits: 2, rule: .towardZero))"
    }
}
