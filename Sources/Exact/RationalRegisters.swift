/// Registers of exact rationals: the last resort that settles a claim sitting exactly on a
/// rounding boundary, which no enclosure of nonzero width can decide. Functions whose values
/// are irrational in general (exp, log, tanh, …) throw `undecidable`.
public final class RationalRegisters: RegisterFile {
    private var values: [Rational]

    public init(count: Int) { values = Array(repeating: 0, count: count) }

    public var count: Int { values.count }

    public func load(_ value: Rational, into r: Int) { values[r] = value }
    public func copy(_ a: Int, into r: Int) { values[r] = values[a] }
    public func add(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] + values[b] }
    public func subtract(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] - values[b] }
    public func multiply(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] * values[b] }
    public func negate(_ a: Int, into r: Int) { values[r] = -values[a] }

    public func divide(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError) {
        guard let quotient = values[a].dividedBy(values[b]) else { throw .divisionByZero }
        values[r] = quotient
    }

    /// The largest exact power computed, in bits; beyond it the value is left to enclosures.
    public static let powerSizeLimit = 1 << 20

    public func power(_ a: Int, _ exponent: Int, into r: Int) throws(EnclosureError) {
        guard values[a].powerSize(exponent) <= Self.powerSizeLimit else {
            throw .undecidable("a power too large to compute exactly")
        }
        guard let result = values[a].power(exponent) else { throw .divisionByZero }
        values[r] = result
    }

    public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) throws(EnclosureError) {
        let x = values[a]
        if let error = function.domainError(at: x) { throw error }
        guard let value = function.exactValue(at: x) else {
            throw .undecidable("\(function.name) has no exact rational value here")
        }
        values[r] = value
    }

    public func value(at r: Int) -> Rational { values[r] }
    public func set(_ value: Rational, at r: Int) { values[r] = value }
}
