import Exact
import Symbolic

/// Variants of one program, each with a few body instructions replaced, run together on
/// `LaneRegisters`: lane k computes exactly what variant k computes alone on `DoubleRegisters`,
/// and lanes past the variants run the program unchanged. The stretches the variants share run
/// once for every lane; only the replaced positions run lane by lane.
struct LaneProgram: Sendable {
    let program: Program
    /// Each replaced position, in order, and the instruction each lane runs there.
    let edits: [(position: Int, lanes: [Program.Instruction])]

    /// `variants[k]` lists lane k's replacements (a later one of a position winning, as in
    /// `Program.replacingBody`); at most `LaneRegisters.width` variants.
    init(_ program: Program, variants: [[(position: Int, instruction: Program.Instruction)]]) {
        precondition(variants.count <= LaneRegisters.width, "more variants than lanes")
        var lanes: [Int: [Program.Instruction]] = [:]
        for (lane, variant) in variants.enumerated() {
            for edit in variant where program.body.indices.contains(edit.position) {
                let unchanged = Array(repeating: program.body[edit.position], count: LaneRegisters.width)
                lanes[edit.position, default: unchanged][lane] = edit.instruction
            }
        }
        self.program = program
        edits = lanes.sorted { $0.key < $1.key }.map { (position: $0.key, lanes: $0.value) }
    }

    /// Runs the body on every lane; false if an instruction fails.
    func runBody(on registers: LaneRegisters) -> Bool {
        var start = 0
        for edit in edits {
            guard (try? program.runBody(on: registers, positions: start..<edit.position)) != nil else { return false }
            for (lane, instruction) in edit.lanes.enumerated() {
                guard (try? program.execute(instruction, on: registers.lane(lane))) != nil else { return false }
            }
            start = edit.position + 1
        }
        return (try? program.runBody(on: registers, positions: start..<program.body.count)) != nil
    }
}

/// The programs of one screening pass: one mistake's own, on `DoubleRegisters`, or several
/// mistakes' lane by lane, on `LaneRegisters`. Variants differ only in their bodies, so the
/// setup and the register count are the shared programs'.
struct ScreenPass<Registers: RegisterFile> where Registers.Value: ScreenValue {
    let makeRegisters: (Int) -> Registers
    let training: Program
    let readout: Program
    /// One training step's body, and the readout's; false if an instruction fails.
    let trainingBody: (Registers) -> Bool
    let readoutBody: (Registers) -> Bool
}

extension ScreenPass<DoubleRegisters> {
    /// One mistake's own programs.
    init(training: Program, readout: Program) {
        makeRegisters = DoubleRegisters.init(count:)
        self.training = training
        self.readout = readout
        trainingBody = { (try? training.runBody(on: $0)) != nil }
        readoutBody = { (try? readout.runBody(on: $0)) != nil }
    }
}

extension ScreenPass<LaneRegisters> {
    /// Several mistakes' programs, one per lane.
    init(training: LaneProgram, readout: LaneProgram) {
        makeRegisters = LaneRegisters.init(count:)
        self.training = training.program
        self.readout = readout.program
        trainingBody = { training.runBody(on: $0) }
        readoutBody = { readout.runBody(on: $0) }
    }
}

/// What a screening register holds: one `Double`, or one per lane.
protocol ScreenValue {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Double) -> Self
    /// The value of lane `index` (a plain `Double` has only lane 0).
    func lane(_ index: Int) -> Double
}

extension Double: ScreenValue {
    func lane(_ index: Int) -> Double { self }
}

extension SIMD8: ScreenValue where Scalar == Double {
    func lane(_ index: Int) -> Double { self[index] }
}
