import CGMP

/// An exact rational number backed by a GMP `mpq_t`, always in lowest terms with a positive
/// denominator, with value semantics: immutable storage, shared by copies and cleared in `deinit`.
public struct Rational: Sendable {
    final class Storage: @unchecked Sendable {
        /// Heap-held so that reading a value twice at once (`x * x`) is not an exclusivity conflict.
        let value: UnsafeMutablePointer<__mpq_struct>
        init() {
            value = .allocate(capacity: 1)
            __gmpq_init(value)
        }
        deinit {
            __gmpq_clear(value)
            value.deallocate()
        }
    }

    var storage: Storage

    init(storage: Storage) { self.storage = storage }

    static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
        let storage = Storage()
        body(storage.value)
        return Rational(storage: storage)
    }

    func withPointer<R>(_ body: (UnsafePointer<__mpq_struct>) throws -> R) rethrows -> R {
        try body(storage.value)
    }

    public init(_ value: Int) {
        self = Rational.make { __gmpq_set_si($0, value, 1) }
    }

    public init(_ integer: BigInt) {
        self = Rational.make { r in integer.withPointer { __gmpq_set_z(r, $0) } }
    }

    /// `numerator / denominator` in lowest terms; `nil` when the denominator is zero.
    public init?(numerator: BigInt, denominator: BigInt) {
        guard denominator.signum != 0 else { return nil }
        self = Rational.make { r in
            numerator.withPointer { __gmpz_set(cgmp_mpq_numref(r), $0) }
            denominator.withPointer { __gmpz_set(cgmp_mpq_denref(r), $0) }
            __gmpq_canonicalize(r)
        }
    }

    /// The exact value of a finite `Double` (every binary64 number is a dyadic rational).
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        self = Rational.make { __gmpq_set_d($0, value) }
    }

    /// One half, exactly.
    public static let half = Rational.make { __gmpq_set_si($0, 1, 2) }

    public var numerator: BigInt {
        BigInt.make { r in withPointer { __gmpz_set(r, cgmp_mpq_numref_const($0)) } }
    }

    public var denominator: BigInt {
        BigInt.make { r in withPointer { __gmpz_set(r, cgmp_mpq_denref_const($0)) } }
    }

    /// -1, 0 or 1.
    public var signum: Int { Int(withPointer { cgmp_mpq_sgn($0) }) }

    public var magnitude: Rational { Rational.make { r in withPointer { __gmpq_abs(r, $0) } } }

    public var isInteger: Bool { denominator == 1 }

    /// The nearest `Double` (round to nearest, ties to even, as `Double("0.1")` reads text; for
    /// display beside exact values, never for deciding). `mpq_get_d` truncates, so MPFR rounds:
    /// at 53 bits for normal results, and in the subnormal range (where a 53-bit rounding then a
    /// second one would round twice) by rounding `self · 2^1074` to an integer exactly.
    public var doubleValue: Double {
        var x = __mpfr_struct()
        mpfr_init2(&x, 53)
        defer { mpfr_clear(&x) }
        withPointer { _ = mpfr_set_q(&x, $0, MPFR_RNDN) }
        let nearest = mpfr_get_d(&x, MPFR_RNDN)
        guard Swift.abs(nearest) < Double.leastNormalMagnitude else { return nearest }
        let units = timesPowerOfTwo(1074).roundedToInteger(rule: .halfEven).exactInt ?? 0
        return Double(units) * Double.leastNonzeroMagnitude
    }

    /// `self · 2^exponent`, exactly.
    public func timesPowerOfTwo(_ exponent: Int) -> Rational {
        Rational.make { r in
            withPointer { a in
                if exponent >= 0 {
                    __gmpq_mul_2exp(r, a, UInt(exponent))
                } else {
                    __gmpq_div_2exp(r, a, UInt(-exponent))
                }
            }
        }
    }

    /// 10 raised to an integer power, exactly.
    public static func powerOfTen(_ exponent: Int) -> Rational {
        let power = Rational(BigInt.powerOfTen(abs(exponent)))
        return exponent >= 0 ? power : 1 / power
    }

    /// The largest integer not greater than `self`.
    public var floor: BigInt {
        BigInt.make { r in withPointer { __gmpz_fdiv_q(r, cgmp_mpq_numref_const($0), cgmp_mpq_denref_const($0)) } }
    }

    /// About how many bits `self ^ exponent` takes to write exactly: to decide whether raising
    /// it is reasonable before doing it (10^10000 to the 100000th would need gigabytes).
    public func powerSize(_ exponent: Int) -> Int {
        let (product, overflow) = (numerator.bitLength + denominator.bitLength).multipliedReportingOverflow(
            by: Int(clamping: exponent.magnitude))
        return overflow ? Int.max : product
    }

    /// `self` raised to an integer power; `nil` for zero raised to a negative power.
    public func power(_ exponent: Int) -> Rational? {
        if exponent < 0 {
            guard signum != 0 else { return nil }
            return (1 / self).power(-exponent)
        }
        var result: Rational = 1
        var base = self
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            remaining >>= 1
            if remaining > 0 { base *= base }
        }
        return result
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: Equatable, Comparable, Hashable {
    public static func == (lhs: Rational, rhs: Rational) -> Bool {
        lhs.withPointer { a in rhs.withPointer { b in __gmpq_equal(a, b) != 0 } }
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        lhs.withPointer { a in rhs.withPointer { b in __gmpq_cmp(a, b) < 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerator)
        hasher.combine(denominator)
    }
}

extension Rational {
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpq_add(r, a, b) } } }
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpq_sub(r, a, b) } } }
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpq_mul(r, a, b) } } }
    }

    /// Exact division. Dividing by zero is a programming error here; callers that divide by a
    /// user's value use `dividedBy(_:)`, which returns `nil` instead.
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(rhs.signum != 0, "Rational division by zero")
        return make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpq_div(r, a, b) } } }
    }

    /// `self / divisor`, or `nil` when the divisor is zero.
    public func dividedBy(_ divisor: Rational) -> Rational? {
        divisor.signum == 0 ? nil : self / divisor
    }

    public static prefix func - (operand: Rational) -> Rational {
        make { r in operand.withPointer { __gmpq_neg(r, $0) } }
    }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
    public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
}
