/// A number held as the unevaluated sum of two `Double`s, `hi + lo`, with `|lo|` at most half an
/// ulp of `hi`: about 106 significant bits from a handful of binary64 operations. The sums and
/// products here are the error-free transformations (Knuth's two-sum, Dekker's two-product),
/// exact whenever nothing overflows or underflows, which `DoubleDoubleBall` guards against.
public struct DoubleDouble: Sendable, Hashable {
    public var hi: Double
    public var lo: Double

    @inlinable
    public init(_ hi: Double, _ lo: Double = 0) {
        self.hi = hi
        self.lo = lo
    }

    /// `a + b` exactly, as the rounded sum and its error (Knuth): exact for all finite `a` and
    /// `b` whose sum does not overflow, subnormal ones included.
    @inlinable @inline(__always)
    public static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let sum = a + b
        let b1 = sum - a
        let a1 = sum - b1
        return DoubleDouble(sum, (a - a1) + (b - b1))
    }

    /// `a · b` exactly, as the rounded product and its error (Dekker's product, with Veltkamp's
    /// split into 26- and 27-bit halves whose partial products are exact): exact when `|a|` and
    /// `|b|` are below 2^995 and the product is above 2^−900, where no partial product underflows.
    /// It spends 17 operations where a fused multiply–add would spend 2, but on a target without
    /// one in its baseline instruction set that is a call into the C library, and slower.
    @inlinable @inline(__always)
    public static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let product = a * b
        let (aHigh, aLow) = split(a)
        let (bHigh, bLow) = split(b)
        let error = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow
        return DoubleDouble(product, error)
    }

    /// Veltkamp's split: `a = high + low` exactly, each half fitting in 26 bits (and a sign).
    @inlinable @inline(__always)
    static func split(_ a: Double) -> (high: Double, low: Double) {
        let scaled = 134_217_729 * a
        let high = scaled - (scaled - a)
        return (high, a - high)
    }

    /// `|hi| + |lo|` in binary64: a bound on `|hi + lo|` but for one rounding, which callers
    /// cover when they round their bounds up.
    @inlinable
    public var magnitudeBound: Double { hi.magnitude + lo.magnitude }
}

extension DoubleDouble: CustomStringConvertible {
    public var description: String { "\(hi) + \(lo)" }
}
