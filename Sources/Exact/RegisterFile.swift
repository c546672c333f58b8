/// A bank of numbered registers that straight-line programs compute into, in place.
///
/// One protocol, two number types: `DoubleRegisters` gives what plain binary64 code gives, and
/// `BallRegisters` certified enclosures. An evaluator written once against this protocol runs
/// on both, and computing in place keeps a training step free of allocations.
public protocol RegisterFile: AnyObject {
    /// What a register holds when read out.
    associatedtype Value

    /// The number of registers.
    var count: Int { get }

    func load(_ value: Rational, into r: Int) throws(EnclosureError)
    func copy(_ a: Int, into r: Int) throws(EnclosureError)
    func add(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError)
    func subtract(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError)
    func multiply(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError)
    func divide(_ a: Int, _ b: Int, into r: Int) throws(EnclosureError)
    func negate(_ a: Int, into r: Int) throws(EnclosureError)
    func power(_ a: Int, _ exponent: Int, into r: Int) throws(EnclosureError)
    func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) throws(EnclosureError)

    /// A copy of register `r`'s value.
    func value(at r: Int) -> Value
    /// Overwrites register `r`.
    func set(_ value: Value, at r: Int)
}
