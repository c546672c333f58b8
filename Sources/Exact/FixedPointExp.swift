import CGMP

/// e^x to about 122 bits in 128-bit fixed point, several times faster than `mpfr_exp` at the
/// precisions training uses, with a proved bound on its error.
///
/// x = k·ln2 + r with 0 ≤ r < ln2 (in MPFR at 192 bits), r = j/256 + s with s < 2^−8, and
/// e^x = 2^k · e^(j/256) · e^s: e^(j/256) comes from a table made once with MPFR, and e^s from 14
/// Taylor terms in Q1.127 (remainder < 2^−136). Every fixed-point step truncates, by at most one
/// unit of 2^−127: each Horner step adds its coefficient's truncation (⌊⌊2^127/(n−1)!⌋/n⌋ is below
/// 2^127/n! by less than 2 units) and its product's, and each error is damped by s < 2^−8 in the
/// steps after it, so the loop adds at most 3.02 units in all,
/// the table 1, the final product 2 units of 2^−127 relative to a value ≥ 1, and the reduction
/// less than 2^−180: the result is within 2^−123 of e^x relative; the bound returned says 2^−121
/// (plus the rounding into a destination narrower than 128 bits).
enum FixedPointExp {
    /// ln 2 at 192 bits, shared read-only by every thread once made. It lives as long as the
    /// process and is never cleared (there is no `deinit`): leak checkers report its 24-byte limb
    /// array as "still reachable", which is expected, not a leak that grows.
    private final class Constant: @unchecked Sendable {
        let value: UnsafeMutablePointer<__mpfr_struct>
        init() {
            value = .allocate(capacity: 1)
            mpfr_init2(value, 192)
            mpfr_const_log2(value, MPFR_RNDN)
        }
    }

    /// Largest |x| handled; beyond it `mpfr_exp` is used.
    static let limit = 512.0

    private static let log2 = Constant()

    /// e^(j/256) for j = 0…177 (e^(177/256) < 2), floored to Q1.127.
    private static let powers: [UInt128] = {
        var powers: [UInt128] = []
        let value = UnsafeMutablePointer<__mpfr_struct>.allocate(capacity: 1)
        mpfr_init2(value, 192)
        for j in 0...177 {
            mpfr_set_si_2exp(value, j, -8, MPFR_RNDN)
            mpfr_exp(value, value, MPFR_RNDD)
            powers.append(fixedFraction(value, fractionBits: 127))
        }
        mpfr_clear(value)
        value.deallocate()
        return powers
    }()

    /// 1/n! for n = 0…14, floored to Q1.127: the Taylor coefficients of e^s.
    private static let taylorCoefficients: [UInt128] = {
        var coefficients = [UInt128(1) << 127]
        for n in 1...14 {
            coefficients.append((coefficients[n - 1]) / UInt128(n))
        }
        return coefficients
    }()

    /// ⌊x · 2^fractionBits⌋ for 0 ≤ x < 2^(128 − fractionBits), read from x's two leading limbs.
    private static func fixedFraction(_ x: UnsafePointer<__mpfr_struct>, fractionBits: Int) -> UInt128 {
        guard cgmp_mpfr_is_zero(x) == 0 else { return 0 }
        let count = cgmp_mpfr_limb_count(x)
        let high = UInt128(cgmp_mpfr_limb(x, count - 1))
        let low = count >= 2 ? UInt128(cgmp_mpfr_limb(x, count - 2)) : 0
        let significand = high << 64 | low  // x = significand · 2^(EXP − 128)
        let shift = 128 - fractionBits - cgmp_mpfr_get_exp(x)
        if shift >= 128 { return 0 }
        return shift >= 0 ? significand >> shift : significand << -shift
    }

    /// (a · b) >> 127 in Q1.127, truncated.
    @inline(__always)
    private static func multiply(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let (high, low) = a.wideProduct(b)
        return high << 1 | low >> 127
    }

    /// Sets `result` to e^x and returns a bound on |result − e^x| / result, or returns `nil`
    /// (leaving `result` unspecified) when x is out of this method's range. `x` may be `result`;
    /// `scratch` is a 192-bit temporary.
    static func exp(
        _ x: UnsafePointer<__mpfr_struct>, into result: UnsafeMutablePointer<__mpfr_struct>,
        scratch: UnsafeMutablePointer<__mpfr_struct>
    ) -> Magnitude? {
        let precision = cgmp_mpfr_get_prec(result)
        guard cgmp_mpfr_is_number(x) != 0, precision <= 128 else { return nil }
        let approximate = mpfr_get_d(x, MPFR_RNDN)
        guard abs(approximate) < limit else { return nil }
        let k = Int((approximate / 0.6931471805599453).rounded(.down))
        mpfr_mul_si(scratch, log2.value, k, MPFR_RNDN)
        mpfr_sub(scratch, x, scratch, MPFR_RNDN)
        guard cgmp_mpfr_sgn(scratch) >= 0 else { return nil }
        let reduced = fixedFraction(scratch, fractionBits: 127)
        let j = Int(reduced >> 119)
        guard j < powers.count else { return nil }
        let small = reduced & (UInt128(1) << 119 - 1)
        var series = UInt128(0)
        for coefficient in taylorCoefficients.reversed() {
            series = coefficient + multiply(small, series)
        }
        // ⌊T·P / 2^128⌋ in units of 2^−126: e^x ≈ product · 2^(k − 126), 128 bits at most.
        let product = powers[j].wideProduct(series).high
        // At exactly 128 bits the product is the significand: written as it is, no MPFR call.
        if precision == 128, product != 0 {
            let zeros = product.leadingZeroBitCount
            let significand = product << zeros
            cgmp_mpfr_set_raw128(
                result, 0, mpfr_exp_t(k + 2 - zeros), UInt(truncatingIfNeeded: significand >> 64),
                UInt(truncatingIfNeeded: significand))
            return relativeError
        }
        mpfr_set_ui_2exp(result, UInt(truncatingIfNeeded: product >> 64), k - 62, MPFR_RNDN)
        mpfr_set_ui_2exp(scratch, UInt(truncatingIfNeeded: product), k - 126, MPFR_RNDN)
        mpfr_add(result, result, scratch, MPFR_RNDN)
        // Exact at 128 bits; a narrower destination rounds twice, each within 2^−p relative.
        return precision >= 128 ? relativeError : relativeError + Magnitude(powerOfTwo: 1 - precision)
    }

    private static let relativeError = Magnitude(powerOfTwo: -121)
}
