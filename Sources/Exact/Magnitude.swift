import CGMP

/// A nonnegative bound `significand · 2^exponent` used as a ball's radius.
///
/// The significand is a `Double` in [1, 2) (or 0) and the exponent an `Int`, so radii neither
/// overflow nor underflow however far a value's exponent goes. Every operation rounds up
/// (`nextUp` after each `Double` step), so a result is never smaller than the exact one.
public struct Magnitude: Sendable, Hashable, Comparable, CustomStringConvertible {
    var significand: Double
    var exponent: Int

    public static let zero = Magnitude(significand: 0, exponent: 0)

    private init(significand: Double, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// `value · 2^exponent` renormalised; `value` must be finite and nonnegative. Normal values
    /// are split by their bit pattern (the hot path); subnormal ones through `Double`'s API.
    @inline(__always)
    private init(normalizing value: Double, exponent: Int) {
        guard value > 0 else {
            self = .zero
            return
        }
        let bits = value.bitPattern
        let biased = Int(bits >> 52)
        guard biased > 0 else {
            self.init(significand: value.significand, exponent: exponent + Int(value.exponent))
            return
        }
        self.init(
            significand: Double(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000),
            exponent: exponent + biased - 1023)
    }

    /// Beyond every MPFR exponent: the bound given for an infinite or undefined value, so that
    /// an overflowing computation yields a radius that is reported as overflow, never a trap.
    static let unbounded = Magnitude(significand: 1, exponent: 1 << 40)

    /// MPFR's least positive number, 2^(emin − 1).
    static let leastPositive = Magnitude(powerOfTwo: Int(mpfr_get_emin()) - 1)

    /// An upper bound on a nonnegative `Double` (exact).
    public init(_ value: Double) { self.init(normalizing: Swift.abs(value), exponent: 0) }

    /// `2^exponent`, exactly.
    public init(powerOfTwo exponent: Int) { self.init(significand: 1, exponent: exponent) }

    /// An upper bound on `|x|` for an MPFR number, read from its leading limb without a call:
    /// `|x| < (top + 1)·2^(EXP − 64) ≤ (⌊top / 2^11⌋ + 1)·2^(EXP − 53)`.
    init(upperBoundOf x: UnsafePointer<__mpfr_struct>) {
        guard cgmp_mpfr_is_zero(x) == 0 else {
            self = .zero
            return
        }
        guard cgmp_mpfr_is_number(x) != 0 else {
            self = .unbounded
            return
        }
        let leading = Double((cgmp_mpfr_top_limb(x) >> 11) + 1)
        self.init(normalizing: leading, exponent: cgmp_mpfr_get_exp(x) - 53)
    }

    /// A lower bound on `|x|` for an MPFR number.
    init(lowerBoundOf x: UnsafePointer<__mpfr_struct>) {
        guard cgmp_mpfr_is_zero(x) == 0, cgmp_mpfr_is_number(x) != 0 else {
            self = .zero
            return
        }
        var exponent = 0
        let fraction = mpfr_get_d_2exp(&exponent, x, MPFR_RNDZ)
        self.init(normalizing: Swift.abs(fraction), exponent: exponent)
    }

    public var isZero: Bool { significand == 0 }

    /// `2^k` as a `Double`, exactly, for −1022 ≤ k ≤ 1023.
    @inline(__always)
    private static func power(_ k: Int) -> Double { Double(bitPattern: UInt64(k + 1023) << 52) }

    /// An upper bound on `|x|·s + |y|·r + r·s`, the radius of the product of the balls x ± r and
    /// y ± s. Where every term stays well inside binary64's range it is summed as `Double`s (one
    /// normalisation instead of eight): the four roundings to nearest, all of positive terms, stay
    /// within 2^−50 of the exact sum, which the final factor and `nextUp` cover.
    @inline(__always)
    static func productRadius(
        _ x: UnsafePointer<__mpfr_struct>, _ r: Magnitude, _ y: UnsafePointer<__mpfr_struct>, _ s: Magnitude
    ) -> Magnitude {
        if r.isZero { return s.isZero ? .zero : Magnitude(upperBoundOf: x) * s }
        if s.isZero { return Magnitude(upperBoundOf: y) * r }
        // |x| < (⌊top / 2^11⌋ + 1)·2^(EXP − 53), as in `init(upperBoundOf:)` (EXP read only for a
        // regular number: the special values' exponent fields sit at the bottom of Int's range).
        let moderate = -450...450
        guard cgmp_mpfr_is_regular(x) != 0, cgmp_mpfr_is_regular(y) != 0,
            case (let ex, let ey) = (cgmp_mpfr_get_exp(x) - 53, cgmp_mpfr_get_exp(y) - 53),
            moderate.contains(ex), moderate.contains(ey), moderate.contains(r.exponent),
            moderate.contains(s.exponent)
        else {
            return Magnitude(upperBoundOf: x) * s + Magnitude(upperBoundOf: y) * r + r * s
        }
        let xBound = Double((cgmp_mpfr_top_limb(x) >> 11) + 1) * power(ex)
        let yBound = Double((cgmp_mpfr_top_limb(y) >> 11) + 1) * power(ey)
        let rValue = r.significand * power(r.exponent)
        let sValue = s.significand * power(s.exponent)
        let sum = xBound * sValue + yBound * rValue + rValue * sValue
        return Magnitude(normalizing: up(sum * (1 + 0x1p-50)), exponent: 0)
    }

    /// The bound as a `Double`, rounded up: `+∞` past binary64's range, the least subnormal below it.
    public var doubleUpperBound: Double {
        guard !isZero else { return 0 }
        guard exponent <= Double.greatestFiniteMagnitude.exponent else { return .infinity }
        guard exponent >= Double.leastNormalMagnitude.exponent else {
            return Swift.max(
                Double(sign: .plus, exponent: exponent, significand: significand).nextUp, .leastNonzeroMagnitude)
        }
        return Double(sign: .plus, exponent: exponent, significand: significand)
    }

    /// Sets `x` to this magnitude exactly (`x` needs at least 53 bits of precision).
    func write(to x: UnsafeMutablePointer<__mpfr_struct>) {
        mpfr_set_d(x, significand, MPFR_RNDN)
        mpfr_mul_2si(x, x, exponent, MPFR_RNDN)
    }

    /// The exact value as a rational.
    public var rational: Rational {
        guard let value = Rational(exactly: significand) else { return 0 }
        return value.timesPowerOfTwo(exponent)
    }

    public var description: String { isZero ? "0" : "\(significand)·2^\(exponent)" }

    public static func < (lhs: Magnitude, rhs: Magnitude) -> Bool {
        if lhs.isZero || rhs.isZero { return !rhs.isZero && lhs.isZero }
        return lhs.exponent != rhs.exponent ? lhs.exponent < rhs.exponent : lhs.significand < rhs.significand
    }

    /// An upper bound on the sum.
    /// The next `Double` up from a positive finite one: its bit pattern plus one (what `nextUp`
    /// does for such values, without the checks for signs, zeros and infinities).
    @inline(__always)
    private static func up(_ value: Double) -> Double { Double(bitPattern: value.bitPattern &+ 1) }

    @inline(__always)
    public static func + (lhs: Magnitude, rhs: Magnitude) -> Magnitude {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        let (large, small) = lhs.exponent >= rhs.exponent ? (lhs, rhs) : (rhs, lhs)
        let gap = large.exponent - small.exponent
        // Past 60 binary places the smaller term is below one ulp of the larger: one nextUp covers it.
        // 2^−gap built from its bit pattern: exact for gap ≤ 60.
        let sum = up(
            gap > 60
                ? large.significand
                : large.significand + small.significand * Double(bitPattern: UInt64(1023 - gap) << 52))
        return Magnitude(normalizing: sum, exponent: large.exponent)
    }

    /// An upper bound on the product.
    @inline(__always)
    public static func * (lhs: Magnitude, rhs: Magnitude) -> Magnitude {
        if lhs.isZero || rhs.isZero { return .zero }
        return Magnitude(normalizing: up(lhs.significand * rhs.significand), exponent: lhs.exponent + rhs.exponent)
    }

    /// An upper bound on `lhs / rhs`, where `rhs` is a lower bound on the divisor (not zero).
    public static func / (lhs: Magnitude, rhs: Magnitude) -> Magnitude {
        if lhs.isZero { return .zero }
        return Magnitude(normalizing: up(lhs.significand / rhs.significand), exponent: lhs.exponent - rhs.exponent)
    }

    public static func += (lhs: inout Magnitude, rhs: Magnitude) { lhs = lhs + rhs }

    /// `self · 2^k`, exactly.
    public func timesPowerOfTwo(_ k: Int) -> Magnitude {
        isZero ? self : Magnitude(significand: significand, exponent: exponent + k)
    }
}
