import CGMP

/// e^x on double-double balls, from ball operations alone, so that its enclosure is proved by
/// theirs: x = (64k + j)·(ln 2)/64 + s with integers k and 0 ≤ j < 64, e^x = 2^k · 2^(j/64) · e^s,
/// and e^s for |s| ≤ 0.0055 by its Taylor polynomial of degree 11 with the remainder's bound
/// added to the radius (its smallest terms summed in binary64, with a bound of their own). The
/// constants ((ln 2)/64, 2^(j/64) and 1/n!) are balls too, made once from MPFR and from exact
/// rationals.
public struct DoubleDoubleExp: Sendable {
    /// (ln 2)/64, enclosed.
    let step: DoubleDoubleBall
    /// 2^(j/64) for j = 0 … 63, enclosed.
    let powers: [DoubleDoubleBall]
    /// 1/n! for n = 0 … `degree`, enclosed.
    let inverseFactorials: [DoubleDoubleBall]
    /// 1/n! for n = `tailStart` … `degree`, rounded to nearest `Double`.
    let tail: [Double]

    static let degree = 11
    /// The first power of the Taylor series summed in binary64.
    static let tailStart = 6

    /// The constants, made once per process.
    public static let shared = DoubleDoubleExp()

    private init() {
        // mpfr_const_log2 fills a thread-local cache, freed when this thread exits.
        MPFRThreadCache.register()
        let scratch = UnsafeMutablePointer<__mpfr_struct>.allocate(capacity: 2)
        defer { scratch.deallocate() }
        mpfr_init2(scratch, 256)
        mpfr_init2(scratch + 1, 256)
        defer {
            mpfr_clear(scratch)
            mpfr_clear(scratch + 1)
        }
        // MPFR's constants and functions round correctly: within one ulp at 256 bits, 2^−255 relative.
        mpfr_const_log2(scratch, MPFR_RNDN)
        mpfr_div_2ui(scratch, scratch, 6, MPFR_RNDN)
        step = DoubleDoubleBall(enclosing: scratch, radius: Magnitude(powerOfTwo: -260), scratch: scratch + 1)
        powers = (0..<64).map { j in
            mpfr_set_ui(scratch, UInt(j), MPFR_RNDN)
            mpfr_div_2ui(scratch, scratch, 6, MPFR_RNDN)
            mpfr_exp2(scratch, scratch, MPFR_RNDN)
            return DoubleDoubleBall(enclosing: scratch, radius: Magnitude(powerOfTwo: -254), scratch: scratch + 1)
        }
        var factorial = Rational(1)
        var inverses: [DoubleDoubleBall] = []
        for n in 0...Self.degree {
            if n > 1 { factorial = factorial * Rational(n) }
            inverses.append(DoubleDoubleBall(enclosing: Rational(1) / factorial, scratch: scratch, rest: scratch + 1))
        }
        inverseFactorials = inverses
        // Each ball's high part is its 128-bit value rounded to nearest: within an ulp of 1/n!.
        tail = inverses[Self.tailStart...].map(\.mid.hi)
    }

    /// e^x. Beyond |x| > 600, or for a ball wider than 1/256, it throws: the result may leave the
    /// tier's range, and the Taylor bound below is kept for small arguments.
    public func callAsFunction(_ x: DoubleDoubleBall) throws(EnclosureError) -> DoubleDoubleBall {
        guard x.mid.hi.magnitude <= 600, x.radius <= 0x1p-8 else { throw .outsideDoubleDouble }
        // Any integer n is sound; the nearest to 64x/ln 2 keeps |s| ≤ (ln 2)/128 (plus the radius).
        let n = (x.mid.hi * 92.33248261689366).rounded()
        let whole = Int(n)
        let s = try x - step * DoubleDoubleBall(n)
        // Every point s′ of the ball has |s′| ≤ σ, and |Σ_{i>11} s′^i/i!| ≤ (σ^12/12!)·1/(1 − σ/13)
        // ≤ σ^12·2^−27 for σ ≤ 1 (2/12! < 2^−27).
        let sigma = DoubleDoubleBall.up(s.mid.magnitudeBound + s.radius)
        guard sigma <= 0.01 else { throw .outsideDoubleDouble }
        let square = sigma * sigma
        let cube = square * sigma
        let remainder = DoubleDoubleBall.up(cube * cube * cube * cube * 0x1p-27)
        // Terms from s^6 on are below 2^−54 of the sum, so q(s) = Σ_{i=6}^{11} s^(i−6)/i! is computed
        // in binary64 at x = s.hi, and the Horner scheme goes on in double-double balls from i = 5.
        // For every point s′ of the ball, |q(s′) − q(x)| ≤ |s′ − x|·max|q′| ≤ (|s.lo| + r)·2/7!
        // < (|s.lo| + r)·2^−11; binary64's Horner (five steps, coefficients rounded to nearest)
        // errs by at most 11.01·2^−53·1.002/6! < 2^−59.
        let x = s.mid.hi
        var q = tail[tail.count - 1]
        for i in stride(from: tail.count - 2, through: 0, by: -1) { q = q * x + tail[i] }
        let qRadius = DoubleDoubleBall.up((s.mid.lo.magnitude + s.radius) * 0x1p-11 + 0x1p-57)
        var sum = DoubleDoubleBall(mid: DoubleDouble(q), radius: qRadius)
        for i in stride(from: Self.tailStart - 1, through: 0, by: -1) {
            sum = try sum * s + inverseFactorials[i]
        }
        sum.radius = DoubleDoubleBall.up(sum.radius + remainder)
        // whole = 64k + j with 0 ≤ j < 64, whatever the sign.
        return try (powers[whole & 63] * sum).scaled(byPowerOfTwo: whole >> 6)
    }
}

extension DoubleDoubleBall {
    /// `function` applied with a certified enclosure of its result; `log`, `sqrt` and `softplus`
    /// are left to MPFR's balls.
    public func applying(_ function: ElementaryFunction, exp: DoubleDoubleExp) throws(EnclosureError)
        -> DoubleDoubleBall
    {
        switch function {
        case .exp: return try exp(self)
        // σ(x) = 1/(1 + e^−x); its ball division propagates the radius by σ(1 − σ), σ′ itself.
        case .logistic: return try .one / (.one + exp(-self))
        // tanh x = 1 − 2/(1 + e^2x) = 2/(1 + e^−2x) − 1, whichever keeps the exp from overflowing.
        case .tanh:
            if mid.hi < 0 { return try .one - DoubleDoubleBall(2) / (.one + exp(scaled(byPowerOfTwo: 1))) }
            return try DoubleDoubleBall(2) / (.one + exp(-scaled(byPowerOfTwo: 1))) - .one
        case .relu: return try relu()
        case .step:
            guard let sign else { throw .undecidable("relu′ at an argument that cannot be told apart from 0") }
            return sign > 0 ? .one : .zero
        case .log, .sqrt, .softplus: throw .outsideDoubleDouble
        }
    }

    /// max(x, 0): the ball itself, 0, or for a ball straddling 0 a ball around relu's image [0, m + r].
    private func relu() throws(EnclosureError) -> DoubleDoubleBall {
        switch sign {
        case .some(let s) where s > 0: return self
        case .some: return .zero
        case .none:
            let half = Self.up((mid.hi + mid.lo.magnitude) + radius) * 0.5
            return try DoubleDoubleBall(mid: DoubleDouble(half), radius: half).checked()
        }
    }
}
