import CGMP

/// One ball in memory: an MPFR midpoint and a radius that bounds its distance from the true value.
struct BallSlot {
    let mid: UnsafeMutablePointer<__mpfr_struct>
    let rad: UnsafeMutablePointer<Magnitude>
}

/// The certified kernels: every operation computes its midpoint with MPFR at `precision`
/// (round to nearest) and adds to the radius both the propagated input radii and a bound on
/// that rounding, so the result ball always contains the exact result. Radii round up.
/// The destination may be one of the operands.
final class BallArithmetic {
    let precision: Int
    /// Two 64-bit temporaries for bounds, two working-precision temporaries with radii, and a
    /// 192-bit temporary for the fixed-point exp.
    private let scratch: UnsafeMutablePointer<__mpfr_struct>
    private let scratchRadii: UnsafeMutablePointer<Magnitude>
    private static let boundPrecision = 64
    private static let scratchCount = 5

    /// MPFR's exponent range, read once here rather than through lazily made globals on every
    /// operation (which cost a `swift_once` call each).
    let exponents: ClosedRange<Int>
    private let leastPositive: Magnitude

    init(precision: Int) {
        MPFRThreadCache.register()
        self.precision = precision
        exponents = Int(mpfr_get_emin())...Int(mpfr_get_emax())
        leastPositive = Magnitude(powerOfTwo: Int(mpfr_get_emin()) - 1)
        scratch = .allocate(capacity: Self.scratchCount)
        scratchRadii = .allocate(capacity: Self.scratchCount)
        scratchRadii.initialize(repeating: .zero, count: Self.scratchCount)
        let precisions = [Self.boundPrecision, Self.boundPrecision, precision, precision, 192]
        for (index, bits) in precisions.enumerated() { mpfr_init2(scratch + index, mpfr_prec_t(bits)) }
    }

    deinit {
        for index in 0..<Self.scratchCount { mpfr_clear(scratch + index) }
        scratch.deallocate()
        scratchRadii.deinitialize(count: Self.scratchCount)
        scratchRadii.deallocate()
    }

    private var low0: UnsafeMutablePointer<__mpfr_struct> { scratch }
    private var low1: UnsafeMutablePointer<__mpfr_struct> { scratch + 1 }
    private var work0: BallSlot { BallSlot(mid: scratch + 2, rad: scratchRadii + 2) }
    private var work1: BallSlot { BallSlot(mid: scratch + 3, rad: scratchRadii + 3) }
    private var wide: UnsafeMutablePointer<__mpfr_struct> { scratch + 4 }

    /// t ← e^x (x may be t), by the fixed-point method where it applies and MPFR elsewhere;
    /// returns ρ with |t − e^x| ≤ ρ·|t| (away from underflow, which callers cover with an ulp).
    private func exponential(_ x: UnsafePointer<__mpfr_struct>, into t: UnsafeMutablePointer<__mpfr_struct>)
        -> Magnitude
    {
        if let bound = FixedPointExp.exp(x, into: t, scratch: wide) { return bound }
        return mpfr_exp(t, x, MPFR_RNDN) == 0 ? .zero : Magnitude(powerOfTwo: -Int(cgmp_mpfr_get_prec(t)))
    }

    /// A bound on |computed − true| for a result within relative error `relative` of its true
    /// value, plus one ulp for results too small for a relative bound to cover (underflow).
    private func roundoff(_ value: UnsafePointer<__mpfr_struct>, relative: Magnitude) -> Magnitude {
        Magnitude(upperBoundOf: value) * relative + ulp(value)
    }

    /// A bound on the error of a rounding that produced `x`: one unit in its last place,
    /// `2^(EXP(x) − prec(x))`, but at least MPFR's least positive number `2^(emin − 1)`, since a
    /// result that underflowed was rounded to 0 or to that number.
    static func ulp(_ x: UnsafePointer<__mpfr_struct>) -> Magnitude {
        let leastPositive = Magnitude.leastPositive
        guard cgmp_mpfr_is_zero(x) == 0 else { return leastPositive }
        return Swift.max(Magnitude(powerOfTwo: cgmp_mpfr_get_exp(x) - cgmp_mpfr_get_prec(x)), leastPositive)
    }

    /// `ulp(x)` with the exponent range read once (the kernels' hot path).
    @inline(__always)
    private func ulp(_ x: UnsafePointer<__mpfr_struct>) -> Magnitude {
        guard cgmp_mpfr_is_zero(x) == 0 else { return leastPositive }
        return Swift.max(Magnitude(powerOfTwo: cgmp_mpfr_get_exp(x) - cgmp_mpfr_get_prec(x)), leastPositive)
    }

    /// Stores the radius, adding `roundingUlps` ulps of the midpoint when MPFR reported rounding.
    private func finish(_ r: BallSlot, ternary: Int32, radius: Magnitude, roundingUlps: Int = 1) throws(EnclosureError)
    {
        guard cgmp_mpfr_is_number(r.mid) != 0 else { throw .overflow }
        guard radius.isZero || radius.exponent <= exponents.upperBound else { throw .tooWide }
        guard ternary != 0 else {
            r.rad.pointee = radius
            return
        }
        let ulp = ulp(r.mid)
        r.rad.pointee = radius + (roundingUlps == 1 ? ulp : ulp * Magnitude(Double(roundingUlps)))
    }

    /// A bound on a derivative over a ball of radius `r`: `min(limit, e^r·tail)`, using
    /// e^r ≤ 1 + 2r for r ≤ 1 (and only `limit` for wider balls).
    private static func slope(limit: Magnitude, tail: Magnitude, radius: Magnitude) -> Magnitude {
        guard radius < Magnitude(1) else { return limit }
        return Swift.min(limit, (Magnitude(1) + radius.timesPowerOfTwo(1)) * tail)
    }

    /// A positive lower bound on `|mid| − rad`, or `nil` when the ball may reach zero.
    private func distanceFromZero(_ a: BallSlot) -> Magnitude? {
        guard cgmp_mpfr_is_zero(a.mid) == 0 else { return nil }
        mpfr_abs(low0, a.mid, MPFR_RNDZ)
        a.rad.pointee.write(to: low1)
        mpfr_sub(low0, low0, low1, MPFR_RNDD)
        guard cgmp_mpfr_sgn(low0) > 0 else { return nil }
        return Magnitude(lowerBoundOf: low0)
    }

    /// The sign every point of the ball shares: 1 or -1, 0 for exactly zero, `nil` when it straddles zero.
    func sign(_ a: BallSlot) -> Int? {
        if cgmp_mpfr_is_zero(a.mid) != 0 && a.rad.pointee.isZero { return 0 }
        guard distanceFromZero(a) != nil else { return nil }
        return Int(cgmp_mpfr_sgn(a.mid))
    }

    func load(_ value: Rational, into r: BallSlot) throws(EnclosureError) {
        let ternary = value.withPointer { mpfr_set_q(r.mid, $0, MPFR_RNDN) }
        try finish(r, ternary: ternary, radius: .zero)
    }

    func copy(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        try finish(r, ternary: mpfr_set(r.mid, a.mid, MPFR_RNDN), radius: radius)
    }

    func add(_ a: BallSlot, _ b: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee + b.rad.pointee
        if let error = Float128Kernel.add(a.mid, b.mid, subtracting: false, into: r.mid, exponents: exponents) {
            return try finish(r, ternary: 0, radius: error.isZero ? radius : radius + error)
        }
        try finish(r, ternary: mpfr_add(r.mid, a.mid, b.mid, MPFR_RNDN), radius: radius)
    }

    func subtract(_ a: BallSlot, _ b: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee + b.rad.pointee
        if let error = Float128Kernel.add(a.mid, b.mid, subtracting: true, into: r.mid, exponents: exponents) {
            return try finish(r, ternary: 0, radius: error.isZero ? radius : radius + error)
        }
        try finish(r, ternary: mpfr_sub(r.mid, a.mid, b.mid, MPFR_RNDN), radius: radius)
    }

    func negate(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        try finish(r, ternary: mpfr_neg(r.mid, a.mid, MPFR_RNDN), radius: radius)
    }

    /// |xy − ab| ≤ |a|·r_b + |b|·r_a + r_a·r_b.
    func multiply(_ a: BallSlot, _ b: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let ra = a.rad.pointee
        let rb = b.rad.pointee
        let radius = Magnitude.productRadius(a.mid, ra, b.mid, rb)
        if let error = Float128Kernel.multiply(a.mid, b.mid, into: r.mid, exponents: exponents) {
            return try finish(r, ternary: 0, radius: error.isZero ? radius : radius + error)
        }
        try finish(r, ternary: mpfr_mul(r.mid, a.mid, b.mid, MPFR_RNDN), radius: radius)
    }

    /// |x/y − a/b| ≤ (r_a + |a/b|·r_b) / (|b| − r_b), defined when the divisor's ball excludes 0.
    func divide(_ a: BallSlot, _ b: BallSlot, into r: BallSlot) throws(EnclosureError) {
        guard let divisorBound = distanceFromZero(b) else { throw .divisionByZero }
        let ra = a.rad.pointee
        let rb = b.rad.pointee
        let ternary = mpfr_div(r.mid, a.mid, b.mid, MPFR_RNDN)
        let quotient = ternary == 0 ? Magnitude(upperBoundOf: r.mid) : Magnitude(upperBoundOf: r.mid) + ulp(r.mid)
        try finish(r, ternary: ternary, radius: (ra + quotient * rb) / divisorBound)
    }

    /// Integer powers by repeated squaring; a negative power is the reciprocal of the positive one.
    func power(_ a: BallSlot, _ exponent: Int, into r: BallSlot) throws(EnclosureError) {
        let base = work0
        try copy(a, into: base)
        try load(1, into: r)
        var remaining = exponent.magnitude
        while remaining > 0 {
            if remaining & 1 == 1 { try multiply(r, base, into: r) }
            remaining >>= 1
            if remaining > 0 { try multiply(base, base, into: base) }
        }
        if exponent < 0 {
            try load(1, into: work1)
            try divide(work1, r, into: r)
        }
    }

    func apply(_ function: ElementaryFunction, _ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        switch function {
        case .exp: try applyExp(a, into: r)
        case .log: try applyLog(a, into: r)
        case .sqrt: try applySqrt(a, into: r)
        case .tanh: try applyTanh(a, into: r)
        case .logistic: try applyLogistic(a, into: r)
        case .softplus: try applySoftplus(a, into: r)
        case .relu: try applyRelu(a, into: r)
        case .step: try applyStep(a, into: r)
        }
    }

    /// r ← e^a, the radius bounding both the spread of e^x over the ball and the rounding.
    private func applyExp(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        // |e^x − e^m| ≤ r·e^(m+r) = r·e^m·e^r, with e^r ≤ 1 + 2r for r ≤ 1 (else a 64-bit bound).
        var slope = Magnitude.zero
        if !(radius < Magnitude(1)) {
            mpfr_set(low0, a.mid, MPFR_RNDU)
            radius.write(to: low1)
            mpfr_add(low0, low0, low1, MPFR_RNDU)
            mpfr_exp(low0, low0, MPFR_RNDU)
            guard cgmp_mpfr_is_number(low0) != 0 else { throw .overflow }
            slope = Magnitude(upperBoundOf: low0)
        }
        let relative = exponential(a.mid, into: r.mid)
        guard cgmp_mpfr_is_number(r.mid) != 0 else { throw .overflow }
        if radius < Magnitude(1) {
            // e^m is bounded by the value computed plus an ulp: a result that underflowed to 0 still
            // bounds the slope (by MPFR's least positive number), so the radius never vanishes.
            slope =
                (Magnitude(upperBoundOf: r.mid) + ulp(r.mid)) * (Magnitude(1) + relative)
                * (Magnitude(1) + radius.timesPowerOfTwo(1))
        }
        try finish(r, ternary: 0, radius: radius * slope + roundoff(r.mid, relative: relative))
    }

    /// r ← log a, defined when the ball lies in the positive numbers.
    private func applyLog(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        guard cgmp_mpfr_sgn(a.mid) > 0, let lowest = distanceFromZero(a) else {
            throw .domain(function: "log", requirement: "a positive argument")
        }
        // |log x − log m| ≤ r / (m − r)
        try finish(r, ternary: mpfr_log(r.mid, a.mid, MPFR_RNDN), radius: radius / lowest)
    }

    /// r ← √a, defined when the ball is exactly 0 or lies in the positive numbers.
    private func applySqrt(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        if sign(a) == 0 {
            try load(0, into: r)
            return
        }
        guard cgmp_mpfr_sgn(a.mid) > 0, distanceFromZero(a) != nil else {
            throw .domain(function: "sqrt", requirement: "a nonnegative argument")
        }
        // |√x − √m| ≤ r / √(m − r); low0 holds a lower bound on m − r.
        mpfr_sqrt(low0, low0, MPFR_RNDD)
        let lowest = Magnitude(lowerBoundOf: low0)
        try finish(r, ternary: mpfr_sqrt(r.mid, a.mid, MPFR_RNDN), radius: radius / lowest)
    }

    /// r ← tanh a; tanh is 1-Lipschitz, so the radius carries over, plus the rounding.
    private func applyTanh(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        // |tanh′| ≤ 1
        try finish(r, ternary: mpfr_tanh(r.mid, a.mid, MPFR_RNDN), radius: radius)
    }

    /// r ← σ(a) = 1/(1 + e^−a), accurate relative to σ's value even far out in its tails.
    private func applyLogistic(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        // 1/(1 + e^(−m)): with e^(−m) computed within relative ρ and two roundings of 2^−p,
        // the value is within 2ρ + 2^(3−p) of the true one, relative (second-order terms
        // included). The radius propagates with |σ′(x)| ≤ min(1/4, e^−|x|) ≤ min(1/4, e^r·e^−|m|),
        // which keeps σ's relative accuracy far out in its tails; e^−|m| is read off the exp
        // already computed, so no second exp is needed.
        let t = work0.mid
        let negative = cgmp_mpfr_sgn(a.mid) < 0
        mpfr_neg(t, a.mid, MPFR_RNDN)
        let relative = exponential(t, into: t)
        if cgmp_mpfr_is_number(t) == 0 {
            // e^−m beyond MPFR's range: σ(x) ≤ e^x ≤ e^m·e^r < 2^(emin − 1)·e for every x in the
            // ball (r < 1), so 8 of MPFR's least positive numbers bound it.
            guard negative, radius < Magnitude(1) else { throw .overflow }
            mpfr_set_zero(r.mid, 1)
            r.rad.pointee = ulp(r.mid).timesPowerOfTwo(3)
            return
        }
        // For m ≥ 0, e^−|m| = e^−m is the exp just computed.
        var tail = negative ? Magnitude.zero : Magnitude(upperBoundOf: t) * (Magnitude(1) + relative)
        mpfr_add_ui(t, t, 1, MPFR_RNDN)
        mpfr_ui_div(r.mid, 1, t, MPFR_RNDN)
        let error = relative.timesPowerOfTwo(1) + Magnitude(powerOfTwo: 3 - precision)
        // For m < 0, e^−|m| = e^m ≤ 2σ(m), and σ(m) is within that relative error of the value computed.
        if negative { tail = (Magnitude(upperBoundOf: r.mid) * (Magnitude(1) + error)).timesPowerOfTwo(1) }
        try finish(
            r, ternary: 0,
            radius: radius * Self.slope(limit: Magnitude(powerOfTwo: -2), tail: tail, radius: radius)
                + roundoff(r.mid, relative: error))
    }

    /// r ← softplus(a) = log(1 + e^a), its slope bounded by σ(x) ≤ min(1, e^x).
    private func applySoftplus(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        if cgmp_mpfr_sgn(a.mid) > 0 { return try applySoftplusOfPositive(a, into: r) }
        let radius = a.rad.pointee
        // log1p(e^m): an error of relative ρ in e^m moves log1p by at most ρ·t/(1+t) ≤ ρ·log1p(t),
        // plus the final rounding: within 2ρ + 2^(2−p) relative. |softplus′(x)| = σ(x) ≤ min(1, e^x)
        // ≤ min(1, e^r·e^m), with e^m the exp just computed.
        let t = work0.mid
        let relative = exponential(a.mid, into: t)
        guard cgmp_mpfr_is_number(t) != 0 else { throw .overflow }
        // An ulp keeps the bound on e^m positive when it underflowed to 0.
        let tail = (Magnitude(upperBoundOf: t) + ulp(t)) * (Magnitude(1) + relative)
        mpfr_log1p(r.mid, t, MPFR_RNDN)
        let error = relative.timesPowerOfTwo(1) + Magnitude(powerOfTwo: 2 - precision)
        try finish(
            r, ternary: 0,
            radius: radius * Self.slope(limit: Magnitude(1), tail: tail, radius: radius)
                + roundoff(r.mid, relative: error))
    }

    /// softplus(m) = m + log1p(e^−m) for m > 0, which never overflows however large m is (e^m would
    /// past about 7·10⁸). With t = e^−m computed within ρ·t (plus an ulp, should it underflow),
    /// |log1p(t) − log1p(e^−m)| ≤ |t − e^−m|; log1p's rounding and the sum's add an ulp each.
    /// |softplus′| ≤ 1 propagates the radius.
    private func applySoftplusOfPositive(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let t = work0.mid
        mpfr_neg(t, a.mid, MPFR_RNDN)
        let relative = exponential(t, into: t)
        guard cgmp_mpfr_is_number(t) != 0 else { throw .overflow }
        var error = Magnitude(upperBoundOf: t) * relative + ulp(t)
        mpfr_log1p(t, t, MPFR_RNDN)
        error += ulp(t)
        mpfr_add(r.mid, a.mid, t, MPFR_RNDN)
        try finish(r, ternary: 0, radius: a.rad.pointee + error + ulp(r.mid))
    }

    /// r ← max(a, 0): a itself, 0, or for a ball straddling 0 a ball around relu's image.
    private func applyRelu(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        let radius = a.rad.pointee
        switch sign(a) {
        case .some(let s) where s > 0: try copy(a, into: r)
        case .some: try load(0, into: r)
        case .none:
            // The ball straddles 0: relu's image is [0, m + r], centred at (m + r)/2.
            radius.write(to: low1)
            mpfr_add(r.mid, a.mid, low1, MPFR_RNDU)
            mpfr_div_2ui(r.mid, r.mid, 1, MPFR_RNDU)
            r.rad.pointee = Magnitude(upperBoundOf: r.mid)
        }
    }

    /// r ← relu′(a), 1 or 0, defined only when the ball lies on one side of 0.
    private func applyStep(_ a: BallSlot, into r: BallSlot) throws(EnclosureError) {
        guard let s = sign(a) else {
            throw .undecidable("relu′ at an argument that cannot be told apart from 0")
        }
        try load(s > 0 ? 1 : 0, into: r)
    }
}
