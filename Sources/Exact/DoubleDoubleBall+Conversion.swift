import CGMP

extension DoubleDoubleBall {
    /// A ball holding every point within `radius` of the MPFR number `x`: x's nearest `Double`,
    /// then the nearest `Double` to the rest, which `scratch` (set to x's precision) holds exactly.
    /// A number beyond binary64 gives a ball of infinite radius, which the next operation rejects.
    init(enclosing x: UnsafePointer<__mpfr_struct>, radius: Magnitude, scratch: UnsafeMutablePointer<__mpfr_struct>) {
        let hi = mpfr_get_d(x, MPFR_RNDN)
        var bound = radius.doubleUpperBound
        guard cgmp_mpfr_is_number(x) != 0, hi.isFinite else {
            self.init(mid: DoubleDouble(0), radius: .infinity)
            return
        }
        mpfr_set_prec(scratch, Swift.max(cgmp_mpfr_get_prec(x), 64))
        // x − hi fits in x's precision, so this subtraction is exact; the ternary is checked all the same.
        if mpfr_sub_d(scratch, x, hi, MPFR_RNDN) != 0 { bound += BallArithmetic.ulp(scratch).doubleUpperBound }
        let lo = mpfr_get_d(scratch, MPFR_RNDN)
        // Rounding the rest to `lo` errs by at most 2^−53 of it, so by at most 2^−52·|lo| (or an underflow).
        if mpfr_cmp_d(scratch, lo) != 0 { bound += lo.magnitude * 0x1p-52 + 0x1p-1074 }
        self.init(mid: DoubleDouble.twoSum(hi, lo), radius: bound == 0 ? 0 : Self.up(bound))
    }

    /// The tightest ball this tier makes around a rational: rounded to 128 bits, then split.
    init(
        enclosing value: Rational, scratch: UnsafeMutablePointer<__mpfr_struct>,
        rest: UnsafeMutablePointer<__mpfr_struct>
    ) {
        mpfr_set_prec(scratch, 128)
        let ternary = value.withPointer { mpfr_set_q(scratch, $0, MPFR_RNDN) }
        self.init(enclosing: scratch, radius: ternary == 0 ? .zero : BallArithmetic.ulp(scratch), scratch: rest)
    }

    /// The ball as an MPFR ball of 128 bits (which hold `hi + lo` exactly unless `lo` reaches
    /// far below `hi`, when the rounding's ulp joins the radius).
    public var ball: Ball {
        let radius = radius
        let mid = mid
        return Ball(precision: 128) { slot in
            mpfr_set_d(slot.mid, mid.hi, MPFR_RNDN)
            let ternary = mpfr_add_d(slot.mid, slot.mid, mid.lo, MPFR_RNDN)
            var bound = radius.isFinite ? Magnitude(radius) : .unbounded
            if ternary != 0 { bound += BallArithmetic.ulp(slot.mid) }
            slot.rad.pointee = bound
        }
    }
}
