import Exact

/// Straight-line code compiled from expressions: one evaluator for every number type.
///
/// `setup` loads constants and givens once; `body` computes everything else in place, so a
/// training loop re-runs only the body after writing new parameter values into their registers.
public struct Program: Sendable {
    public enum Instruction: Sendable, Hashable {
        case load(Rational, into: Int)
        case copy(Int, into: Int)
        case add(Int, Int, into: Int)
        case subtract(Int, Int, into: Int)
        case multiply(Int, Int, into: Int)
        case divide(Int, Int, into: Int)
        case negate(Int, into: Int)
        case power(Int, Int, into: Int)
        case apply(ElementaryFunction, Int, into: Int)
    }

    public internal(set) var setup: [Instruction] = []
    public internal(set) var body: [Instruction] = []
    /// For each body instruction, the definition it helps compute (for error messages).
    public internal(set) var origins: [String?] = []
    public internal(set) var registerCount = 0

    /// An evaluation that failed, with the definition it failed in when known.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var error: EnclosureError
        public var definition: String?
        public var description: String {
            definition.map { "\(error) (in '\($0)')" } ?? error.description
        }
    }

    /// Fresh registers of the program's size.
    public func makeRegisters<R: RegisterFile>(_ make: (Int) -> R) -> R { make(registerCount) }

    public func runSetup<R: RegisterFile>(on registers: R) throws(Failure) {
        for instruction in setup {
            do { try Self.execute(instruction, on: registers) } catch { throw Failure(error: error, definition: nil) }
        }
    }

    public func runBody<R: RegisterFile>(on registers: R) throws(Failure) {
        for (index, instruction) in body.enumerated() {
            do { try Self.execute(instruction, on: registers) } catch {
                throw Failure(error: error, definition: origins.indices.contains(index) ? origins[index] : nil)
            }
        }
    }

    /// Setup then body.
    public func run<R: RegisterFile>(on registers: R) throws(Failure) {
        try runSetup(on: registers)
        try runBody(on: registers)
    }

    @inline(__always)
    static func execute<R: RegisterFile>(_ instruction: Instruction, on r: R) throws(EnclosureError) {
        switch instruction {
        case .load(let value, let d): try r.load(value, into: d)
        case .copy(let a, let d): try r.copy(a, into: d)
        case .add(let a, let b, let d): try r.add(a, b, into: d)
        case .subtract(let a, let b, let d): try r.subtract(a, b, into: d)
        case .multiply(let a, let b, let d): try r.multiply(a, b, into: d)
        case .divide(let a, let b, let d): try r.divide(a, b, into: d)
        case .negate(let a, let d): try r.negate(a, into: d)
        case .power(let a, let n, let d): try r.power(a, n, into: d)
        case .apply(let f, let a, let d): try r.apply(f, a, into: d)
        }
    }
}

extension Program.Instruction {
    /// The registers an instruction reads and the one it writes.
    var registers: (reads: [Int], write: Int) {
        switch self {
        case .load(_, let d): ([], d)
        case .copy(let a, let d), .negate(let a, let d), .power(let a, _, let d), .apply(_, let a, let d): ([a], d)
        case .add(let a, let b, let d), .subtract(let a, let b, let d), .multiply(let a, let b, let d), .divide(let a, let b, let d): ([a, b], d)
        }
    }
}
