import Foundation

/// Registers of plain `Double`s: the answer ordinary code would print, rounding at every step.
///
/// Nothing here throws: like the code it imitates, it yields infinities and NaNs instead.
public final class DoubleRegisters: RegisterFile {
    @usableFromInline let values: UnsafeMutablePointer<Double>
    public let count: Int

    public init(count: Int) {
        self.count = count
        values = .allocate(capacity: max(count, 1))
        values.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { values.deallocate() }

    @inlinable public func load(_ value: Rational, into r: Int) { values[r] = value.doubleValue }
    @inlinable public func copy(_ a: Int, into r: Int) { values[r] = values[a] }
    @inlinable public func add(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] + values[b] }
    @inlinable public func subtract(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] - values[b] }
    @inlinable public func multiply(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] * values[b] }
    @inlinable public func divide(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] / values[b] }
    @inlinable public func negate(_ a: Int, into r: Int) { values[r] = -values[a] }

    @inlinable public func power(_ a: Int, _ exponent: Int, into r: Int) {
        values[r] = Self.power(values[a], exponent)
    }

    /// `x` to an integer power as every `Double` register file computes it: a square is a product.
    @inlinable public static func power(_ x: Double, _ exponent: Int) -> Double {
        exponent == 2 ? x * x : Foundation.pow(x, Double(exponent))
    }

    @inlinable public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) {
        values[r] = function(values[a])
    }

    @inlinable public func value(at r: Int) -> Double { values[r] }
    @inlinable public func set(_ value: Double, at r: Int) { values[r] = value }
}
