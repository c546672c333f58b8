import Exact
import Symbolic

/// A program over a `SlotModel`, compiled once, that knows where it copies each parameter into
/// its forward slot and derivative alias, and where a training step updates it: a `swapped`,
/// `exchanged` or `miswired` mistake is a few of those copies (and, for a training step, gradient
/// sums) redirected, and the update's `sign` is its subtractions made additions.
struct SlotProgram: Sendable {
    let program: Program
    /// Each parameter's own register (its given's), where trained values are read and written.
    let parameters: [String: Int]
    /// Body positions of the copies into each parameter's forward slot and derivative alias
    /// (absent where nothing reads the slot).
    let forwardCopies: [String: Int]
    let aliasCopies: [String: Int]
    /// A training step's body positions of `G_p = g_p + 0`, the gradient an update uses, and the
    /// register of each `g_p` (the loss's derivative by the forward slot) and of the zero.
    let gradientSums: [String: (position: Int, instruction: Program.Instruction)]
    let gradients: [String: Int]
    let zero: Int
    /// A training step's body positions of `p − η·G_p`, each parameter's update.
    let updates: [String: (position: Int, instruction: Program.Instruction)]

    /// Where a builder's parameter copies went, before the program is finished.
    struct Copies {
        var parameters: [String: Int] = [:]
        var forward: [String: Int] = [:]
        var alias: [String: Int] = [:]
    }

    /// Emits, first in the body, each parameter's copies into a fresh forward slot and alias.
    static func emitCopies(of slots: SlotModel, into builder: inout ProgramBuilder) -> Copies? {
        var copies = Copies()
        for name in slots.parameters {
            guard let own = builder.register(forGiven: name) else { return nil }
            copies.parameters[name] = own
            for (slot, into) in [(SlotModel.forward(name), \Copies.forward), (SlotModel.alias(name), \Copies.alias)] {
                let register = builder.allocate()
                builder.emit(.copy(own, into: register))
                builder.bind(slot, to: register)
                copies[keyPath: into][name] = register
            }
        }
        return copies
    }

    /// The finished program and where its copies, gradient sums and updates (by the register each
    /// writes) ended up.
    init(
        _ program: Program, copies: Copies, sums: [String: Int] = [:], gradients: [String: Int] = [:], zero: Int = 0,
        updates: [String: Int] = [:]
    ) {
        self.program = program
        parameters = copies.parameters
        var forward: [String: Int] = [:]
        var alias: [String: Int] = [:]
        var gradientSums: [String: (position: Int, instruction: Program.Instruction)] = [:]
        let forwardOwner = Dictionary(uniqueKeysWithValues: copies.forward.map { ($1, $0) })
        let aliasOwner = Dictionary(uniqueKeysWithValues: copies.alias.map { ($1, $0) })
        let sumOwner = Dictionary(uniqueKeysWithValues: sums.map { ($1, $0) })
        let updateOwner = Dictionary(uniqueKeysWithValues: updates.map { ($1, $0) })
        var updatePositions: [String: (position: Int, instruction: Program.Instruction)] = [:]
        for (position, instruction) in program.body.enumerated() {
            let destination = Int(instruction.destination)
            if instruction.operation == .copy, let name = forwardOwner[destination] { forward[name] = position }
            if instruction.operation == .copy, let name = aliasOwner[destination] { alias[name] = position }
            if instruction.operation == .add, let name = sumOwner[destination] {
                gradientSums[name] = (position, instruction)
            }
            if instruction.operation == .subtract, let name = updateOwner[destination] {
                updatePositions[name] = (position, instruction)
            }
        }
        self.updates = updatePositions
        forwardCopies = forward
        aliasCopies = alias
        self.gradientSums = gradientSums
        self.gradients = gradients
        self.zero = zero
    }

    /// The program as `mistake` computes it; nil for a mistake that is not an edit of it.
    func patched(for mistake: Mistake) -> Program? {
        edits(for: mistake).map(program.replacingBody)
    }

    /// The body instructions `mistake` replaces, by position (a later edit of a position wins);
    /// nil for a mistake that is not an edit of the program.
    func edits(for mistake: Mistake) -> [(position: Int, instruction: Program.Instruction)]? {
        var edits: [(position: Int, instruction: Program.Instruction)] = []
        func redirect(_ copies: [String: Int], of replaced: String, to used: String) {
            guard let position = copies[replaced], let source = parameters[used] else { return }
            edits.append((position, .copy(source, into: Int(program.body[position].destination))))
        }
        switch mistake {
        case .swapped(let used, let replaced):
            redirect(aliasCopies, of: replaced, to: used)
        case .exchanged(let a, let b):
            redirect(aliasCopies, of: a, to: b)
            redirect(aliasCopies, of: b, to: a)
        case .miswired(let used, let replaced):
            redirect(forwardCopies, of: replaced, to: used)
            redirect(aliasCopies, of: replaced, to: used)
            // The slot now reading `used` adds its gradient to `used`'s; `replaced` is no longer read.
            if let sum = gradientSums[used], let extra = gradients[replaced] {
                let own = Int(sum.instruction.first)
                edits.append((sum.position, .add(own, extra, into: Int(sum.instruction.destination))))
            }
            if let sum = gradientSums[replaced] {
                edits.append((sum.position, .add(zero, zero, into: Int(sum.instruction.destination))))
            }
        case .signOfUpdate:
            for update in updates.values {
                let instruction = update.instruction
                edits.append(
                    (
                        update.position,
                        .add(Int(instruction.first), Int(instruction.second), into: Int(instruction.destination))
                    ))
            }
        default:
            return nil
        }
        return edits
    }
}
