/// Registers of plain `Double`s: the answer ordinary code would print, rounding at every step.
///
/// Nothing here throws: like the code it imitates, it yields infinities and NaNs instead.
public final class DoubleRegisters: RegisterFile {
    private var values: [Double]

    public init(count: Int) { values = Array(repeating: 0, count: count) }

    public var count: Int { values.count }

    public func load(_ value: Rational, into r: Int) { values[r] = value.doubleValue }
    public func copy(_ a: Int, into r: Int) { values[r] = values[a] }
    public func add(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] + values[b] }
    public func subtract(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] - values[b] }
    public func multiply(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] * values[b] }
    public func divide(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] / values[b] }
    public func negate(_ a: Int, into r: Int) { values[r] = -values[a] }

    public func power(_ a: Int, _ exponent: Int, into r: Int) {
        values[r] = exponent == 2 ? values[a] * values[a] : Foundation.pow(values[a], Double(exponent))
    }

    public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) { values[r] = function(values[a]) }

    public func value(at r: Int) -> Double { values[r] }
    public func set(_ value: Double, at r: Int) { values[r] = value }
}

import Foundation
