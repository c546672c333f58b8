import Exact
import Symbolic

/// Variants of one program, each with a few body instructions replaced, run together on
/// `LaneRegisters`: lane k computes exactly what variant k computes alone on `DoubleRegisters`,
/// and lanes past the variants run the program unchanged. The stretches the variants share run
/// once for every lane; only the replaced instructions run lane by lane.
struct LaneProgram: Sendable {
    let program: Program
    /// The replaced positions, in order.
    let edits: [Edit]
    /// The instructions that run on one lane, edit after edit (`Edit.lanes` indexes them).
    let laneInstructions: [(lane: Int, instruction: Program.Instruction)]

    /// A replaced position and what the lanes run there.
    struct Edit: Sendable {
        let position: Int
        /// Whether the program's instruction runs on every lane first, the lanes then overwriting
        /// its result: where each replacement writes the same register and does not read it.
        /// Otherwise every lane runs its own instruction, the program's where unchanged.
        let overwrites: Bool
        let lanes: Range<Int>
    }

    /// `variants[k]` lists lane k's replacements (a later one of a position winning, as in
    /// `Program.replacingBody`); at most `LaneRegisters.width` variants.
    init(_ program: Program, variants: [[(position: Int, instruction: Program.Instruction)]]) {
        precondition(variants.count <= LaneRegisters.width, "more variants than lanes")
        var changed: [Int: [Int: Program.Instruction]] = [:]
        for (lane, variant) in variants.enumerated() {
            for edit in variant where program.body.indices.contains(edit.position) {
                changed[edit.position, default: [:]][lane] = edit.instruction
            }
        }
        self.program = program
        var edits: [Edit] = []
        var laneInstructions: [(lane: Int, instruction: Program.Instruction)] = []
        for position in changed.keys.sorted() {
            let original = program.body[position]
            let lanes = changed[position] ?? [:]
            let overwrites = lanes.values.allSatisfy { instruction in
                instruction.destination == original.destination
                    && instruction.first != original.destination && instruction.second != original.destination
            }
            let running = overwrites ? lanes.keys.sorted() : Array(0..<LaneRegisters.width)
            let first = laneInstructions.count
            laneInstructions += running.map { (lane: $0, instruction: lanes[$0] ?? original) }
            edits.append(Edit(position: position, overwrites: overwrites, lanes: first..<laneInstructions.count))
        }
        self.edits = edits
        self.laneInstructions = laneInstructions
    }

    /// Runs the body on every lane; false if an instruction fails.
    func runBody(on registers: LaneRegisters) -> Bool {
        var start = 0
        let lanes = registers.lanes
        for edit in edits {
            let shared = start..<(edit.overwrites ? edit.position + 1 : edit.position)
            if !shared.isEmpty {
                guard (try? program.runBody(on: registers, positions: shared)) != nil else { return false }
            }
            for index in edit.lanes {
                let own = laneInstructions[index]
                guard (try? program.execute(own.instruction, on: lanes[own.lane])) != nil else { return false }
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

extension SIMD16: ScreenValue where Scalar == Double {
    func lane(_ index: Int) -> Double { self[index] }
}
