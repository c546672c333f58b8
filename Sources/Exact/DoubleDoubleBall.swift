/// A certified enclosure at about 106 bits: the closed interval [mid − radius, mid + radius], with
/// a double-double midpoint and a `Double` radius. It is the cheap tier tried before MPFR's balls
/// (`Escalation.doubleDoubleBits`): its operations are a few dozen binary64 instructions, and each
/// adds to the radius the propagated input radii and a proved bound on its own rounding errors.
///
/// Every result keeps its midpoint at 0 or between 2^−900 and 2^900 in magnitude, and its radius
/// below 2^900, or the operation throws `EnclosureError.outsideDoubleDouble`: in that range the
/// error-free transformations are exact, and a rounding that underflows (at most 2^−1075 each) is
/// covered by the 2^−1020 that `up` adds to every radius.
public struct DoubleDoubleBall: Sendable {
    public var mid: DoubleDouble
    public var radius: Double

    @inlinable
    public init(mid: DoubleDouble, radius: Double) {
        self.mid = mid
        self.radius = radius
    }

    /// An exact `Double`.
    @inlinable
    public init(_ value: Double) { self.init(mid: DoubleDouble(value), radius: 0) }

    public static let zero = DoubleDoubleBall(0)
    public static let one = DoubleDoubleBall(1)

    /// A bound computed with at most 256 correctly rounded operations on nonnegative numbers,
    /// moved up past their rounding: a relative 2^−44 (more than (1 + 2^−53)^256 and this
    /// function's own two roundings) and 2^−1020 (more than 256 underflows of 2^−1075). Not
    /// `roundedUpPastRounding`: its `nextUp` covers one ulp, not 256 underflows, and its branches
    /// cost about 5% of this tier's time (measured on the E_total@10000 check).
    @inlinable @inline(__always)
    static func up(_ bound: Double) -> Double { bound * (1 + 0x1p-44) + 0x1p-1020 }

    /// A positive number computed with a few correctly rounded operations, moved down past them.
    @inlinable @inline(__always)
    static func down(_ value: Double) -> Double { value * (1 - 0x1p-44) }

    /// The ball itself when it stays in the tier's range.
    @inlinable @inline(__always)
    func checked() throws(EnclosureError) -> DoubleDoubleBall {
        let size = mid.hi.magnitude
        guard size <= 0x1p900, size >= 0x1p-900 || size == 0, radius <= 0x1p900, mid.lo.magnitude <= 0x1p900 else {
            throw .outsideDoubleDouble
        }
        return self
    }

    /// Zero, exactly.
    @inlinable
    public var isExactlyZero: Bool { mid.hi == 0 && radius == 0 }

    /// The sign every point shares (0 for exactly zero), or `nil` when the ball may reach 0.
    @inlinable
    public var sign: Int? {
        if isExactlyZero { return 0 }
        // |mid| ≥ |hi| − |lo|; both subtractions rounded, then moved down past them.
        let least = Self.down((mid.hi.magnitude - mid.lo.magnitude) - radius)
        guard least > 0 else { return nil }
        return mid.hi > 0 ? 1 : -1
    }

    @inlinable
    public static prefix func - (a: DoubleDoubleBall) -> DoubleDoubleBall {
        DoubleDoubleBall(mid: DoubleDouble(-a.mid.hi, -a.mid.lo), radius: a.radius)
    }

    /// The two-sum of the high parts is exact; `t` misses `a.lo + b.lo + s.lo` by two roundings,
    /// at most 2^−52·(|a.lo| + |b.lo| + |s.lo|) up to a relative 2^−53, which `up` covers.
    @inlinable @inline(__always)
    public static func + (a: DoubleDoubleBall, b: DoubleDoubleBall) throws(EnclosureError) -> DoubleDoubleBall {
        let s = DoubleDouble.twoSum(a.mid.hi, b.mid.hi)
        let t = (a.mid.lo + b.mid.lo) + s.lo
        let error = ((a.mid.lo.magnitude + b.mid.lo.magnitude) + s.lo.magnitude) * 0x1p-52
        let radius = up((a.radius + b.radius) + error)
        return try DoubleDoubleBall(mid: DoubleDouble.twoSum(s.hi, t), radius: radius).checked()
    }

    @inlinable @inline(__always)
    public static func - (a: DoubleDoubleBall, b: DoubleDoubleBall) throws(EnclosureError) -> DoubleDoubleBall {
        try a + (-b)
    }

    /// `p` is the exact product of the high parts (it stays above 2^−900, so its error does not
    /// underflow). `t` misses `a.hi·b.lo + a.lo·b.hi + p.lo` by four roundings, at most
    /// 2^−51·(|x| + |y| + |p.lo|), and leaves out `a.lo·b.lo`. The inputs' radii propagate by
    /// |xy − ab| ≤ |a|·r_b + |b|·r_a + r_a·r_b.
    @inlinable @inline(__always)
    public static func * (a: DoubleDoubleBall, b: DoubleDoubleBall) throws(EnclosureError) -> DoubleDoubleBall {
        let p = DoubleDouble.twoProduct(a.mid.hi, b.mid.hi)
        guard p.hi.magnitude >= 0x1p-900 || a.mid.hi == 0 || b.mid.hi == 0 else { throw .outsideDoubleDouble }
        let x = a.mid.hi * b.mid.lo
        let y = a.mid.lo * b.mid.hi
        let t = (x + y) + p.lo
        var bound = ((x.magnitude + y.magnitude) + p.lo.magnitude) * 0x1p-51 + (a.mid.lo * b.mid.lo).magnitude
        if a.radius != 0 || b.radius != 0 {
            bound += (a.mid.magnitudeBound * b.radius + b.mid.magnitudeBound * a.radius) + a.radius * b.radius
        }
        return try DoubleDoubleBall(mid: DoubleDouble.twoSum(p.hi, t), radius: up(bound)).checked()
    }

    /// The quotient's first part is `q1 = a.hi/b.hi`, its second the residual R = A − q1·B divided
    /// by b.hi. With q1·b.hi = p + e exactly, a.hi − p is exact (Sterbenz: p is within a factor 2
    /// of a.hi), so the residual is computed with four roundings: at most 2^−51·(|rho| + |a.lo| + |w|)
    /// off. Then |R/B − q2| ≤ |R − residual|/|B|
    /// + |residual|·|b.lo|/(|B|·|b.hi|) + 2^−52·|q2|, with |B| ≥ |b.hi| − |b.lo|. The radii
    /// propagate by |x/y − A/B| ≤ (r_a + |A/B|·r_b)/(|B| − r_b), defined when the divisor's
    /// ball stays clear of 0.
    public static func / (a: DoubleDoubleBall, b: DoubleDoubleBall) throws(EnclosureError) -> DoubleDoubleBall {
        let least = down(b.mid.hi.magnitude - b.mid.lo.magnitude)
        let gap = down(least - b.radius)
        guard gap >= 0x1p-900 else { throw .divisionByZero }
        let q1 = a.mid.hi / b.mid.hi
        guard q1.magnitude >= 0x1p-900 || a.mid.hi == 0 else { throw .outsideDoubleDouble }
        let product = DoubleDouble.twoProduct(q1, b.mid.hi)
        let rho = (a.mid.hi - product.hi) - product.lo
        let w = q1 * b.mid.lo
        let residual = (rho + a.mid.lo) - w
        let q2 = residual / b.mid.hi
        let residualError = ((rho.magnitude + a.mid.lo.magnitude) + w.magnitude) * 0x1p-51
        let error = up(
            (residualError + residual.magnitude * b.mid.lo.magnitude / b.mid.hi.magnitude) / least
                + q2.magnitude * 0x1p-52)
        let quotient = DoubleDouble.twoSum(q1, q2)
        var bound = error
        if a.radius != 0 || b.radius != 0 {
            bound += (a.radius + (quotient.magnitudeBound + error) * b.radius) / gap
        }
        return try DoubleDoubleBall(mid: quotient, radius: up(bound)).checked()
    }

    /// `self · 2^k`: exact but for a low part or radius that underflows, which `up` covers.
    @inlinable
    public func scaled(byPowerOfTwo k: Int) throws(EnclosureError) -> DoubleDoubleBall {
        let factor = Double(sign: .plus, exponent: k, significand: 1)
        let scaledRadius = k < 0 ? Self.up(radius * factor) : radius * factor
        return try DoubleDoubleBall(mid: DoubleDouble(mid.hi * factor, mid.lo * factor), radius: scaledRadius)
            .checked()
    }

    /// An integer power by repeated squaring; a negative power is the reciprocal of the positive one.
    public func power(_ exponent: Int) throws(EnclosureError) -> DoubleDoubleBall {
        var result = Self.one
        var base = self
        var remaining = exponent.magnitude
        while remaining > 0 {
            if remaining & 1 == 1 { result = try result * base }
            remaining >>= 1
            if remaining > 0 { base = try base * base }
        }
        return exponent < 0 ? try Self.one / result : result
    }
}

extension DoubleDoubleBall: CustomStringConvertible {
    public var description: String { "\(mid) ± \(radius)" }
}
