import Exact
import Fixture
import Symbolic

/// Screens the `swapped`, `exchanged` and `miswired` mistakes, and the update's `sign`, in `Double`
/// on two programs compiled once per search (a training step and a readout of the pending claims),
/// each mistake a few edited instructions: the quadratically many pairs of a layer cost one lane
/// each of a run shared by `LaneRegisters.width` mistakes (`LaneProgram`), with no model,
/// derivative or program rebuilt (`SlotModel`, `SlotProgram`).
///
/// The values are the mistake's up to rounding (a sum may be added in another order), which is
/// all screening needs: a mistake that comes close is certified on its own rebuilt `Scenario`.
/// Training that adds up a batch of several samples is left to `ScenarioRun`.
struct SlotScreen: Sendable {
    let training: SlotProgram
    let readout: SlotProgram
    /// The readout register of each pending claim (an index into the claims).
    let outputs: [Int: Int]
    /// The derivative aliases (by parameter) that each pending claim's expression reads.
    let aliasesRead: [Int: Set<String>]
    let steps: [Int: Int]
    let samples: [Int: Request.Samples]
    /// The data givens' registers in the training program and in the readout, and the samples.
    let trainingData: [Int]
    let readoutData: [Int]
    let data: [[Rational]]
    let spec: TrainingSpec

    /// Nil where the fast path does not apply: nothing trained, a batch of several samples, a
    /// name the slot model cannot compile.
    init?(fixture: Fixture, claims: [Claim], pending: [Int], base: Scenario) {
        guard let spec = fixture.training, !TrainingStep<DoubleRegisters>.batchesSeveralSamples(fixture),
            let slots = SlotModel(fixture: fixture),
            let training = try? Self.trainingProgram(slots, rate: base.rate, fixture: fixture)
        else { return nil }
        var builder = ProgramBuilder(model: slots.model)
        guard let copies = SlotProgram.emitCopies(of: slots, into: &builder) else { return nil }
        var outputs: [Int: Int] = [:]
        var aliasesRead: [Int: Set<String>] = [:]
        for index in pending {
            let target = claims[index].quantity.target
            guard let expression = try? slots.expression(for: target),
                let register = try? builder.compile(expression)
            else { return nil }
            outputs[index] = register
            if case .derivative = target {
                let names = Set(expression.names)
                aliasesRead[index] = Set(slots.parameters.filter { names.contains(SlotModel.alias($0)) })
            }
        }
        readoutData = (fixture.data?.names ?? []).compactMap { builder.register(forGiven: $0) }
        readout = SlotProgram(builder.finished(keeping: Array(outputs.values)), copies: copies)
        self.training = training.program
        trainingData = training.data
        self.outputs = outputs
        self.aliasesRead = aliasesRead
        steps = Dictionary(uniqueKeysWithValues: pending.map { ($0, claims[$0].quantity.step) })
        samples = Dictionary(uniqueKeysWithValues: pending.map { ($0, base.samples(for: claims[$0].quantity)) })
        data = fixture.data?.samples ?? []
        self.spec = spec
    }

    /// One training step, `p ← p − η·(g_p + 0)` for every parameter at once (the `+ 0` is where
    /// `miswired` adds a second slot's gradient, the `−` what `sign` makes a `+`), and its data
    /// givens' registers.
    private static func trainingProgram(_ slots: SlotModel, rate: Expr, fixture: Fixture) throws(ModelError) -> (
        program: SlotProgram, data: [Int]
    )? {
        var builder = ProgramBuilder(model: slots.model)
        guard let copies = SlotProgram.emitCopies(of: slots, into: &builder) else { return nil }
        let rateRegister = try builder.compile(rate)
        let zero = builder.allocate(initial: 0)
        var sums: [String: Int] = [:]
        var gradients: [String: Int] = [:]
        var updates: [(target: Int, step: Int)] = []
        var updateRegisters: [String: Int] = [:]
        // Every gradient before any sum, so that a sum may read another parameter's gradient.
        for name in slots.parameters { gradients[name] = try builder.compile(slots.gradient[name] ?? 0) }
        for name in slots.parameters {
            guard let own = copies.parameters[name], let gradient = gradients[name] else { continue }
            let sum = builder.allocate()
            builder.emit(.add(gradient, zero, into: sum))
            let step = builder.allocate()
            builder.emit(.multiply(rateRegister, sum, into: step))
            // A register of its own, so that `sign`'s addition overwrites it in its lane alone.
            let updated = builder.allocate()
            builder.emit(.subtract(own, step, into: updated))
            sums[name] = sum
            updates.append((own, updated))
            updateRegisters[name] = updated
        }
        for update in updates { builder.emit(.copy(update.step, into: update.target)) }
        let data = (fixture.data?.names ?? []).compactMap { builder.register(forGiven: $0) }
        let program = builder.finished(keeping: updates.map(\.target))
        return (
            SlotProgram(
                program, copies: copies, sums: sums, gradients: gradients, zero: zero, updates: updateRegisters),
            data
        )
    }

    /// Whether the mistake can change a pending claim's value at all: a swap of a parameter that no
    /// derivative formula of the claim or of training reads changes nothing.
    func matters(_ mistake: Mistake, claim index: Int) -> Bool {
        let trained = (steps[index] ?? 0) >= 1
        let redirected: [String]
        switch mistake {
        case .signOfUpdate: return trained
        case .swapped(_, let replaced): redirected = [replaced]
        case .exchanged(let a, let b): redirected = [a, b]
        default: return true
        }
        return redirected.contains { name in
            aliasesRead[index]?.contains(name) == true || (trained && training.aliasCopies[name] != nil)
        }
    }

    /// The pending claims a mistake's screening reports: those it matters to, in `pending`'s order;
    /// nil where the mistake is not an edit of the programs, or is `miswired` and a claim is a
    /// derivative by one of its two parameters (the sum of two slots' derivatives), so the scenario
    /// must be rebuilt.
    func relevantClaims(of mistake: Mistake, pending: [Int], claims: [Claim]) -> [Int]? {
        let relevant = pending.filter { outputs[$0] != nil && matters(mistake, claim: $0) }
        if case .miswired(let used, let replaced) = mistake,
            relevant.contains(where: { Self.isDerivative(claims[$0].quantity, by: [used, replaced]) })
        {
            return nil
        }
        guard training.edits(for: mistake) != nil, readout.edits(for: mistake) != nil else { return nil }
        return relevant
    }

    /// The mistake's `Double` value of each claim of `relevantClaims` (nil where that is nil).
    func values(of mistake: Mistake, pending: [Int], claims: [Claim]) -> [(index: Int, value: Double)]? {
        values(of: [mistake], pending: pending, claims: claims)[0]
    }

    /// `values(of:)` of each mistake, exactly, with the mistakes that need a run taken
    /// `LaneRegisters.width` at a time through one pass of the shared instructions, a lane each.
    func values(of mistakes: [Mistake], pending: [Int], claims: [Claim]) -> [[(index: Int, value: Double)]?] {
        let relevant = mistakes.map { relevantClaims(of: $0, pending: pending, claims: claims) }
        var results = relevant.map { $0.map { _ in [(index: Int, value: Double)]() } }
        let running = mistakes.indices.filter { relevant[$0]?.isEmpty == false }
        for start in stride(from: 0, to: running.count, by: LaneRegisters.width) {
            let lanes = Array(running[start..<min(start + LaneRegisters.width, running.count)])
            // Every lane runs each step and sample any lane reads: the values of a claim do not
            // depend on what else is read.
            let reads = pending.filter { index in lanes.contains { relevant[$0]?.contains(index) == true } }
            let found: [Int: [Double]]?
            if lanes.count == 1, let train = training.patched(for: mistakes[lanes[0]]),
                let read = readout.patched(for: mistakes[lanes[0]])
            {
                found = run(ScreenPass(training: train, readout: read), reading: reads, lanes: 1)
            } else {
                let pass = ScreenPass(
                    training: LaneProgram(
                        training.program, variants: lanes.map { training.edits(for: mistakes[$0]) ?? [] }),
                    readout: LaneProgram(
                        readout.program, variants: lanes.map { readout.edits(for: mistakes[$0]) ?? [] }))
                found = run(pass, reading: reads, lanes: lanes.count)
            }
            for (lane, position) in lanes.enumerated() {
                results[position] = found.map { found in
                    (relevant[position] ?? []).compactMap { index in found[index].map { (index, $0[lane]) } }
                }
            }
        }
        return results
    }

    /// Whether a quantity is a derivative by one of `variables`.
    private static func isDerivative(_ quantity: Quantity, by variables: [String]) -> Bool {
        if case .derivative(_, let variable) = quantity.target { return variables.contains(variable) }
        return false
    }

    /// The values of the claims at `reads` that a pass computes, by claim, for its first `lanes`
    /// lanes; nil if an instruction fails.
    private func run<R>(_ pass: ScreenPass<R>, reading reads: [Int], lanes: Int) -> [Int: [Double]]? {
        let registers = pass.makeRegisters(pass.training.registerCount)
        guard (try? pass.training.runSetup(on: registers)) != nil else { return nil }
        var found: [Int: [Double]] = [:]
        var current = 0
        for step in Set(reads.compactMap { steps[$0] }).sorted() {
            while current < step {
                guard advance(from: current, pass, registers) else { return nil }
                current += 1
            }
            let due = reads.filter { steps[$0] == step }
            guard let values = readOut(due, pass, trained: step > 0 ? registers : nil) else { return nil }
            for (index, value) in values where found[index] == nil {
                found[index] = (0..<lanes).map { value.lane($0) }
            }
        }
        return found
    }

    /// Takes the training step after `step` steps, on the sample that step uses; false if it fails.
    private func advance<R>(from step: Int, _ pass: ScreenPass<R>, _ registers: R) -> Bool {
        if !data.isEmpty {
            load(sample: spec.samples(ofStep: step + 1, count: data.count).lowerBound, registers, trainingData)
        }
        return pass.trainingBody(registers)
    }

    /// The claims' values read with the trained parameters (the initial ones when `trained` is nil).
    private func readOut<R>(_ due: [Int], _ pass: ScreenPass<R>, trained: R?) -> [Int: R.Value]? {
        let registers = pass.makeRegisters(pass.readout.registerCount)
        guard (try? pass.readout.runSetup(on: registers)) != nil else { return nil }
        if let trained {
            for (name, target) in readout.parameters {
                guard let source = training.parameters[name] else { continue }
                registers.set(trained.value(at: source), at: target)
            }
        }
        var values: [Int: R.Value] = [:]
        var sums: [Int: R.Value] = [:]
        for sample in neededSamples(due) {
            if let sample { load(sample: sample, registers, readoutData) }
            guard pass.readoutBody(registers) else { return nil }
            for index in due {
                guard let output = outputs[index] else { continue }
                switch samples[index] {
                case .model?: values[index] = registers.value(at: output)
                case .one(let wanted)? where wanted == sample: values[index] = registers.value(at: output)
                case .all?: sums[index] = (sums[index] ?? .zero) + registers.value(at: output)
                default: break
                }
            }
        }
        for (index, sum) in sums {
            guard case .all(let reduction)? = samples[index] else { continue }
            values[index] = reduction == .mean ? sum * (1 / Rational(max(data.count, 1))).doubleValue : sum
        }
        return values
    }

    /// The samples to run the readout on (`nil`: the model's own givens), as `ScenarioRun` reads them.
    private func neededSamples(_ due: [Int]) -> [Int?] {
        guard !data.isEmpty else { return [nil] }
        if due.contains(where: { if case .all? = samples[$0] { true } else { false } }) { return Array(1...data.count) }
        let wanted = Set(due.compactMap { if case .one(let s)? = samples[$0] { s } else { nil } })
        return wanted.isEmpty ? [1] : wanted.sorted()
    }

    private func load<R: RegisterFile>(sample: Int, _ registers: R, _ targets: [Int]) {
        guard data.indices.contains(sample - 1) else { return }
        for (register, value) in zip(targets, data[sample - 1]) { try? registers.load(value, into: register) }
    }
}
