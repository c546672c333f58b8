import CGMP

/// Multiplication, addition and subtraction of regular MPFR numbers of exactly 128 bits, done in
/// Swift on their two limbs (`UInt128`) instead of through MPFR's general entry points, which
/// spend most of their time on dispatch at this size. Results are truncated, and each function
/// returns a bound on the absolute error for the caller to add to the radius (`nil` when it
/// declines: a zero operand or result, another precision, or an exponent out of range, all of
/// which MPFR then handles). `exponents` is MPFR's exponent range.
enum Float128Kernel {
    /// A regular 128-bit number as sign, significand (top bit set) and exponent: x = ±0.s·2^e.
    private struct Parts {
        var negative: Bool
        var significand: UInt128
        var exponent: Int

        @inline(__always)
        init?(_ x: UnsafePointer<__mpfr_struct>) {
            guard cgmp_mpfr_get_prec(x) == 128, cgmp_mpfr_is_regular(x) != 0, cgmp_mpfr_limb_count(x) == 2 else {
                return nil
            }
            negative = cgmp_mpfr_sgn(x) < 0
            significand = UInt128(cgmp_mpfr_limb(x, 1)) << 64 | UInt128(cgmp_mpfr_limb(x, 0))
            exponent = Int(cgmp_mpfr_get_exp(x))
        }

        init(negative: Bool, significand: UInt128, exponent: Int) {
            self.negative = negative
            self.significand = significand
            self.exponent = exponent
        }

        @inline(__always)
        func write(to r: UnsafeMutablePointer<__mpfr_struct>, exponents: ClosedRange<Int>) -> Bool {
            guard cgmp_mpfr_get_prec(r) == 128, exponents.contains(exponent) else {
                return false
            }
            cgmp_mpfr_set_raw128(
                r, negative ? 1 : 0, mpfr_exp_t(exponent), UInt(truncatingIfNeeded: significand >> 64),
                UInt(truncatingIfNeeded: significand))
            return true
        }
    }

    /// r ← a·b truncated: the error is below one unit in the last place of the result.
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<__mpfr_struct>, _ b: UnsafePointer<__mpfr_struct>,
        into r: UnsafeMutablePointer<__mpfr_struct>, exponents: ClosedRange<Int>
    ) -> Magnitude? {
        guard let x = Parts(a), let y = Parts(b) else { return nil }
        let (high, low) = x.significand.wideProduct(y.significand)
        // Both significands are at least 2^127, so the product's top bit is bit 255 or 254.
        var result = Parts(negative: x.negative != y.negative, significand: high, exponent: x.exponent + y.exponent)
        var rest = low
        if high >> 127 == 0 {
            result.significand = high << 1 | low >> 127
            rest = low << 1
            result.exponent -= 1
        }
        guard result.write(to: r, exponents: exponents) else { return nil }
        return rest == 0 ? .zero : Magnitude(powerOfTwo: result.exponent - 128)
    }

    /// r ← a + b (or a − b when `subtracting`), computed exactly in 256 bits where y fits and then
    /// truncated to 128: the error is below one unit in the last place of the result, plus
    /// 2^−255 of the larger operand when the smaller one reaches below 256 bits.
    @inline(__always)
    static func add(
        _ a: UnsafePointer<__mpfr_struct>, _ b: UnsafePointer<__mpfr_struct>, subtracting: Bool,
        into r: UnsafeMutablePointer<__mpfr_struct>, exponents: ClosedRange<Int>
    ) -> Magnitude? {
        guard var x = Parts(a), var y = Parts(b) else { return nil }
        if subtracting { y.negative.toggle() }
        if y.exponent > x.exponent || (y.exponent == x.exponent && y.significand > x.significand) { swap(&x, &y) }
        let gap = x.exponent - y.exponent
        // y aligned to x as a 256-bit value (high, low), and whether bits fell below it.
        let (high, low): (UInt128, UInt128)
        let beyond: Bool
        switch gap {
        case 0: (high, low, beyond) = (y.significand, 0, false)
        case 1..<128: (high, low, beyond) = (y.significand >> gap, y.significand << (128 - gap), false)
        case 128: (high, low, beyond) = (0, y.significand, false)
        case 129..<256: (high, low, beyond) = (0, y.significand >> (gap - 128), y.significand << (256 - gap) != 0)
        default: (high, low, beyond) = (0, 0, true)
        }
        var top: UInt128
        var bottom: UInt128
        var exponent = x.exponent
        if x.negative == y.negative {
            // x has no bits below 2^128, so only the high halves can carry.
            let (sum, carry) = x.significand.addingReportingOverflow(high)
            (top, bottom) = (sum, low)
            if carry {
                bottom = bottom >> 1 | top << 127
                top = top >> 1 | UInt128(1) << 127
                exponent += 1
            }
        } else {
            // 0 − low borrows from the high half whenever low is not 0; |x| ≥ |y| keeps it nonnegative.
            top = x.significand &- high &- (low != 0 ? 1 : 0)
            bottom = 0 &- low
            guard top != 0 || bottom != 0 else { return nil }
            let zeros = top != 0 ? top.leadingZeroBitCount : 128 + bottom.leadingZeroBitCount
            if zeros >= 128 {
                top = bottom << (zeros - 128)
                bottom = 0
            } else if zeros > 0 {
                top = top << zeros | bottom >> (128 - zeros)
                bottom <<= zeros
            }
            exponent -= zeros
        }
        let result = Parts(negative: x.negative, significand: top, exponent: exponent)
        guard result.write(to: r, exponents: exponents) else { return nil }
        var error = bottom != 0 || beyond ? Magnitude(powerOfTwo: exponent - 128) : .zero
        if beyond { error += Magnitude(powerOfTwo: x.exponent - 255) }
        return error
    }
}
