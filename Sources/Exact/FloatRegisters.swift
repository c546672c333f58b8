import CGMP
import Foundation

/// Registers of IEEE binary32 values, every operation rounded to binary32 as PyTorch does on a
/// CPU by default: + − × ÷ and √ by the hardware (correctly rounded), `exp`, `log` and `tanh`
/// correctly rounded (see `Float32Function`), and `logistic` and `softplus` composed of those
/// (`1/(1 + exp(−x))` and `log(1 + exp(x))`, each operation rounded). Constants are rounded once.
///
/// Nothing here throws: like the code it imitates, it yields infinities and NaNs instead.
public final class FloatRegisters: RegisterFile {
    /// In memory of their own, as `DoubleRegisters` keeps its values: no exclusivity check per access.
    @usableFromInline let values: UnsafeMutablePointer<Float>
    public let count: Int

    public init(count: Int) {
        self.count = count
        values = .allocate(capacity: max(count, 1))
        values.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { values.deallocate() }

    @inlinable public func load(_ value: Rational, into r: Int) { values[r] = value.floatValue }
    @inlinable public func copy(_ a: Int, into r: Int) { values[r] = values[a] }
    @inlinable public func add(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] + values[b] }
    @inlinable public func subtract(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] - values[b] }
    @inlinable public func multiply(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] * values[b] }
    @inlinable public func divide(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] / values[b] }
    @inlinable public func negate(_ a: Int, into r: Int) { values[r] = -values[a] }

    /// Repeated multiplication, each product rounded (a negative power is the reciprocal of it).
    public func power(_ a: Int, _ exponent: Int, into r: Int) {
        var result: Float = 1
        for _ in 0..<min(exponent.magnitude, 64) { result *= values[a] }
        values[r] = exponent < 0 ? 1 / result : result
    }

    public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) {
        let x = values[a]
        values[r] =
            switch function {
            case .exp: Float32Function.exp(x)
            case .log: Float32Function.log(x)
            case .tanh: Float32Function.tanh(x)
            case .logistic: 1 / (1 + Float32Function.exp(-x))
            case .softplus: Float32Function.log(1 + Float32Function.exp(x))
            case .relu: Swift.max(x, 0)
            case .sqrt: x.squareRoot()
            case .step: x > 0 ? 1 : 0
            }
    }

    @inlinable public func value(at r: Int) -> Float { values[r] }
    @inlinable public func set(_ value: Float, at r: Int) { values[r] = value }
}

/// `exp`, `log` and `tanh` correctly rounded to binary32: the binary64 result, which is within an
/// ulp of binary64, rounds to the right binary32 number unless it lies within two binary64 ulps of
/// a binary32 halfway point; there MPFR recomputes it at 128 bits before the one rounding.
enum Float32Function {
    static func exp(_ x: Float) -> Float { rounded(Foundation.exp(Double(x)), x, mpfr_exp) }
    static func log(_ x: Float) -> Float { rounded(Foundation.log(Double(x)), x, mpfr_log) }
    static func tanh(_ x: Float) -> Float { rounded(Foundation.tanh(Double(x)), x, mpfr_tanh) }

    private typealias MPFRFunction = (
        UnsafeMutablePointer<__mpfr_struct>?, UnsafePointer<__mpfr_struct>?, mpfr_rnd_t
    ) -> Int32

    private static func rounded(_ wide: Double, _ x: Float, _ function: MPFRFunction) -> Float {
        let narrow = Float(wide)
        guard wide.isFinite, narrow.isFinite, narrow != 0 else { return narrow }
        let neighbour = wide > Double(narrow) ? narrow.nextUp : narrow.nextDown
        let halfway = (Double(narrow) + Double(neighbour)) / 2
        guard Swift.abs(wide - halfway) <= 2 * wide.ulp else { return narrow }
        var argument = __mpfr_struct()
        var result = __mpfr_struct()
        mpfr_init2(&argument, 128)
        mpfr_init2(&result, 128)
        defer {
            mpfr_clear(&argument)
            mpfr_clear(&result)
        }
        mpfr_set_flt(&argument, x, MPFR_RNDN)
        _ = function(&result, &argument, MPFR_RNDN)
        return mpfr_get_flt(&result, MPFR_RNDN)
    }
}

extension Rational {
    /// The nearest binary32 number (ties to even), rounded once from the exact value (below
    /// binary32's normal range, where a subnormal holds fewer than MPFR's 24 bits, it is rounded
    /// twice).
    public var floatValue: Float {
        var x = __mpfr_struct()
        mpfr_init2(&x, 24)
        defer { mpfr_clear(&x) }
        withPointer { _ = mpfr_set_q(&x, $0, MPFR_RNDN) }
        return mpfr_get_flt(&x, MPFR_RNDN)
    }
}
