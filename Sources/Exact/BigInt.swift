import CGMP
import Foundation

/// An arbitrary-precision integer backed by a GMP `mpz_t`, with value semantics.
///
/// The C struct lives in immutable class-held storage: every operation makes a new value and
/// nothing mutates one in place, so copies may share storage safely; `deinit` clears it.
public struct BigInt: Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        /// Heap-held so that reading a value twice at once (`x * x`) is not an exclusivity conflict.
        let value: UnsafeMutablePointer<__mpz_struct>
        init() {
            value = .allocate(capacity: 1)
            __gmpz_init(value)
        }
        deinit {
            __gmpz_clear(value)
            value.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    init(storage: Storage) { self.storage = storage }

    /// Builds a fresh value by running `body` on an initialised `mpz_t`.
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
        let storage = Storage()
        body(storage.value)
        return BigInt(storage: storage)
    }

    /// Runs `body` with read access to the underlying `mpz_t`.
    func withPointer<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        try body(storage.value)
    }

    public init(_ value: Int) {
        self = BigInt.make { __gmpz_set_si($0, value) }
    }

    /// Parses a decimal integer with an optional sign; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "-" || first == "+" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let signed = (negative ? "-" : "") + digits
        let storage = Storage()
        guard __gmpz_set_str(storage.value, signed, 10) == 0 else { return nil }
        self.init(storage: storage)
    }

    /// -1, 0 or 1.
    public var signum: Int { Int(withPointer { cgmp_mpz_sgn($0) }) }

    public var magnitude: BigInt { BigInt.make { r in withPointer { __gmpz_abs(r, $0) } } }

    /// The value as an `Int` when it fits.
    public var exactInt: Int? {
        withPointer { __gmpz_fits_slong_p($0) != 0 ? __gmpz_get_si($0) : nil }
    }

    /// 10 raised to `exponent` (which must not be negative).
    public static func powerOfTen(_ exponent: Int) -> BigInt {
        BigInt.make { __gmpz_ui_pow_ui($0, 10, UInt(max(exponent, 0))) }
    }

    /// The number of bits of the magnitude (1 for zero).
    public var bitLength: Int { Int(withPointer { __gmpz_sizeinbase($0, 2) }) }

    /// The number of decimal digits of the magnitude (1 for zero).
    public var decimalDigitCount: Int {
        let text = magnitude.description
        return text.count
    }

    /// Quotient rounded toward zero and remainder with the sign of `self`.
    public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        let q = Storage()
        let r = Storage()
        withPointer { a in divisor.withPointer { b in __gmpz_tdiv_qr(q.value, r.value, a, b) } }
        return (BigInt(storage: q), BigInt(storage: r))
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt: Equatable, Comparable, Hashable {
    public static func == (lhs: BigInt, rhs: BigInt) -> Bool {
        lhs.withPointer { a in rhs.withPointer { b in __gmpz_cmp(a, b) == 0 } }
    }

    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        lhs.withPointer { a in rhs.withPointer { b in __gmpz_cmp(a, b) < 0 } }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

extension BigInt: LosslessStringConvertible, CustomStringConvertible {
    public var description: String {
        withPointer { pointer in
            guard let raw = __gmpz_get_str(nil, 10, pointer) else { return "0" }
            defer { free(raw) }
            return String(cString: raw)
        }
    }
}

extension BigInt: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = BigInt(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an integer: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension BigInt {
    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpz_add(r, a, b) } } }
    }

    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpz_sub(r, a, b) } } }
    }

    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { r in lhs.withPointer { a in rhs.withPointer { b in __gmpz_mul(r, a, b) } } }
    }

    public static prefix func - (operand: BigInt) -> BigInt {
        make { r in operand.withPointer { __gmpz_neg(r, $0) } }
    }

    public static func += (lhs: inout BigInt, rhs: BigInt) { lhs = lhs + rhs }
    public static func -= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs - rhs }
    public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }
}
