import Exact

/// Straight-line code compiled from expressions: one evaluator for every number type.
///
/// `setup` loads constants and givens once; `body` computes everything else in place, so a
/// training loop re-runs only the body after writing new parameter values into their registers.
public struct Program: Sendable {
    /// One operation on registers, kept small and trivially copyable so that running a program
    /// costs no reference counting.
    public struct Instruction: Sendable, Hashable {
        public enum Operation: UInt8, Sendable {
            case load, copy, add, subtract, multiply, divide, negate, power, apply
        }

        public var operation: Operation
        public var first: Int32
        public var second: Int32
        public var destination: Int32
        /// The exponent of `power`, the function of `apply`, or the constant of `load`.
        public var argument: Int32

        public static func load(constant index: Int, into d: Int) -> Instruction {
            Instruction(.load, 0, 0, d, Int32(index))
        }
        public static func copy(_ a: Int, into d: Int) -> Instruction { Instruction(.copy, a, 0, d) }
        public static func add(_ a: Int, _ b: Int, into d: Int) -> Instruction { Instruction(.add, a, b, d) }
        public static func subtract(_ a: Int, _ b: Int, into d: Int) -> Instruction { Instruction(.subtract, a, b, d) }
        public static func multiply(_ a: Int, _ b: Int, into d: Int) -> Instruction { Instruction(.multiply, a, b, d) }
        public static func divide(_ a: Int, _ b: Int, into d: Int) -> Instruction { Instruction(.divide, a, b, d) }
        public static func negate(_ a: Int, into d: Int) -> Instruction { Instruction(.negate, a, 0, d) }
        public static func power(_ a: Int, _ exponent: Int, into d: Int) -> Instruction {
            Instruction(.power, a, 0, d, Int32(clamping: exponent))
        }
        public static func apply(_ function: ElementaryFunction, _ a: Int, into d: Int) -> Instruction {
            Instruction(.apply, a, 0, d, Int32(ElementaryFunction.allCases.firstIndex(of: function) ?? 0))
        }

        private init(_ operation: Operation, _ a: Int, _ b: Int, _ d: Int, _ argument: Int32 = 0) {
            self.operation = operation
            first = Int32(a)
            second = Int32(b)
            destination = Int32(d)
            self.argument = argument
        }

        /// The registers the instruction reads and the one it writes.
        var registers: (reads: [Int], write: Int) {
            switch operation {
            case .load: ([], Int(destination))
            case .copy, .negate, .power, .apply: ([Int(first)], Int(destination))
            case .add, .subtract, .multiply, .divide: ([Int(first), Int(second)], Int(destination))
            }
        }
    }

    public internal(set) var setup: [Instruction] = []
    public internal(set) var body: [Instruction] = []
    /// For each body instruction, the definition it helps compute (for error messages).
    public internal(set) var origins: [String?] = []
    /// The exact constants that `load` instructions read.
    public internal(set) var constants: [Rational] = []
    public internal(set) var registerCount = 0

    @inlinable
    public func runSetup<R: RegisterFile>(on registers: R) throws(ProgramError) {
        for instruction in setup {
            do { try execute(instruction, on: registers) } catch { throw ProgramError(error: error, definition: nil) }
        }
    }

    @inlinable
    public func runBody<R: RegisterFile>(on registers: R) throws(ProgramError) {
        try runBody(on: registers, positions: body.indices)
    }

    /// The body instructions at `positions` only: a variant that replaces some instructions runs
    /// the shared stretches between them with this.
    @inlinable
    public func runBody<R: RegisterFile>(on registers: R, positions: Range<Int>) throws(ProgramError) {
        try body.withUnsafeBufferPointer { (instructions) throws(ProgramError) in
            for index in positions {
                do throws(EnclosureError) { try execute(instructions[index], on: registers) } catch {
                    throw ProgramError(error: error, definition: origins.indices.contains(index) ? origins[index] : nil)
                }
            }
        }
    }

    /// The program with some body instructions replaced (by position): a variant compiled as a
    /// small edit of this one, without compiling again.
    public func replacingBody(_ edits: [(position: Int, instruction: Instruction)]) -> Program {
        var result = self
        for edit in edits where result.body.indices.contains(edit.position) {
            result.body[edit.position] = edit.instruction
        }
        return result
    }

    /// Setup then body.
    @inlinable
    public func run<R: RegisterFile>(on registers: R) throws(ProgramError) {
        try runSetup(on: registers)
        try runBody(on: registers)
    }

    @usableFromInline
    static let functions = ElementaryFunction.allCases

    /// One instruction (of this program's or a variant's) on `r`.
    @inlinable @inline(__always)
    public func execute<R: RegisterFile>(_ instruction: Instruction, on r: R) throws(EnclosureError) {
        let a = Int(instruction.first)
        let b = Int(instruction.second)
        let d = Int(instruction.destination)
        switch instruction.operation {
        case .load: try r.load(constants[Int(instruction.argument)], into: d)
        case .copy: try r.copy(a, into: d)
        case .add: try r.add(a, b, into: d)
        case .subtract: try r.subtract(a, b, into: d)
        case .multiply: try r.multiply(a, b, into: d)
        case .divide: try r.divide(a, b, into: d)
        case .negate: try r.negate(a, into: d)
        case .power: try r.power(a, Int(instruction.argument), into: d)
        case .apply: try r.apply(Self.functions[Int(instruction.argument)], a, into: d)
        }
    }
}
