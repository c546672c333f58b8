import Exact
import Symbolic

/// Trains a scenario's model step by step on one kind of registers and reads the requested
/// quantities at the steps they name: one generic path for `Double` and for certified balls.
///
/// Each request succeeds or fails on its own: training that fails at step k fails only the
/// requests at step k or later, and a quantity that cannot be evaluated fails only itself, so
/// one claim never takes another's answer down with it.
struct ScenarioRun<R: RegisterFile> {
    let scenario: Scenario
    let makeRegisters: (Int) -> R
    /// Hears each training step done, and the last step any request needs.
    var progress: ((_ step: Int, _ steps: Int) -> Void)? = nil

    /// Makes an observer of the training steps (`CentredTraining`); when the observer fails, the
    /// run starts its training again without one.
    var observe: ((TrainingStep<R>) -> (any TrainingObserver<R>)?)? = nil

    /// The value of each request, in order, or why it could not be had.
    func evaluate(_ requests: [Request]) -> [Result<R.Value, RunError>] {
        var results = [Result<R.Value, RunError>?](repeating: nil, count: requests.count)
        let steps = Set(requests.map(\.step)).sorted()
        var training: Training?
        if (steps.last ?? 0) > 0 {
            training = Training(run: self, lastStep: steps.last ?? 0)
        }
        for step in steps {
            let indices = requests.indices.filter { requests[$0].step == step }
            var trained: TrainingStep<R>?
            if step > 0, let training {
                do {
                    trained = try training.advance(to: step)
                } catch {
                    for index in indices { results[index] = .failure(error) }
                    continue
                }
            }
            let observer = step > 0 ? training?.observer : nil
            let values = readOut(indices.map { requests[$0] }, at: step, trained: trained, observer: observer)
            for (index, result) in zip(indices, values) { results[index] = result }
        }
        return results.map { $0 ?? .failure(RunError(message: "not evaluated", definition: nil, step: 0)) }
    }

    /// The training of one evaluation: its steps so far, and the observer while it holds.
    private final class Training {
        let run: ScenarioRun
        let lastStep: Int
        var current = 0
        var state: Result<TrainingStep<R>, RunError>
        var observer: (any TrainingObserver<R>)?

        init(run: ScenarioRun, lastStep: Int) {
            self.run = run
            self.lastStep = lastStep
            state = Result { () throws(RunError) in
                try TrainingStep(scenario: run.scenario, makeRegisters: run.makeRegisters)
            }
            if case .success(let steps) = state { observer = run.observe?(steps) }
        }

        /// Trains up to `step` steps; an observer that fails is dropped and training starts again.
        func advance(to step: Int) throws(RunError) -> TrainingStep<R> {
            let steps = try state.get()
            while current < step {
                do { try steps.advance(from: current) } catch {
                    state = .failure(error)
                    throw error
                }
                current += 1
                do { try observer?.stepped(at: current) } catch { return try restart(to: step) }
                run.progress?(current, lastStep)
            }
            do { try observer?.close(at: current) } catch { return try restart(to: step) }
            return steps
        }

        /// Starts training again from step 0 without the observer, which could not go on.
        private func restart(to step: Int) throws(RunError) -> TrainingStep<R> {
            observer = nil
            current = 0
            state = Result { () throws(RunError) in
                try TrainingStep(scenario: run.scenario, makeRegisters: run.makeRegisters)
            }
            return try advance(to: step)
        }
    }

    /// The requests of one step, read in one program; when that fails, each request alone, so that
    /// only the ones that cannot be evaluated fail.
    private func readOut(
        _ requests: [Request], at step: Int, trained: TrainingStep<R>?, observer: (any TrainingObserver<R>)?
    ) -> [Result<R.Value, RunError>] {
        do {
            return try read(requests, at: step, trained: trained, observer: observer).map { .success($0) }
        } catch {
            guard requests.count > 1 else { return [.failure(error)] }
            return requests.map { request in
                Result { () throws(RunError) in try read([request], at: step, trained: trained, observer: observer)[0] }
            }
        }
    }

    /// Compiles the requests into one readout program, loads the trained parameters into it and runs
    /// it on each sample the requests need (once on the model's own givens without `[data]`).
    private func read(
        _ requests: [Request], at step: Int, trained: TrainingStep<R>?, observer: (any TrainingObserver<R>)?
    ) throws(RunError) -> [R.Value] {
        let compiled = try scenario.programs.readout(of: requests) { compileReadout(of: requests, at: step) }.get()
        let readout = Readout<R>(
            requests: requests, outputs: compiled.outputs, dataRegisters: compiled.dataRegisters, sums: compiled.sums,
            scratch: compiled.scratch, samples: scenario.fixture.data?.samples ?? [])
        let registers = makeRegisters(compiled.program.registerCount)
        do {
            try compiled.program.runSetup(on: registers)
            if let trained {
                for (name, source) in trained.parameters {
                    guard let target = compiled.parameters[name] else { continue }
                    registers.set(trained.registers.value(at: source), at: target)
                    observer?.widen(registers, at: target)
                }
            }
            return try readout.values(running: compiled.program, on: registers)
        } catch {
            throw RunError(failure: error, step: step)
        }
    }

    /// The program that computes `requests` from the givens, trained parameters and a sample's data.
    private func compileReadout(of requests: [Request], at step: Int) -> Result<CompiledReadout, RunError> {
        var builder = ProgramBuilder(model: scenario.model)
        var outputs: [Int] = []
        do {
            if requests.contains(where: \.readsUpdates) { _ = try scenario.emitUpdates(into: &builder) }
            for request in requests { outputs.append(try builder.compile(request.expression)) }
        } catch {
            return .failure(RunError(message: error.description, definition: nil, step: step))
        }
        var parameters: [String: Int] = [:]
        for name in scenario.parameters {
            if let target = builder.register(forGiven: name) { parameters[name] = target }
        }
        let dataRegisters = (scenario.fixture.data?.names ?? []).compactMap { builder.register(forGiven: $0) }
        var sums: [Int?] = []
        for request in requests {
            if case .all = request.samples { sums.append(builder.allocate(initial: 0)) } else { sums.append(nil) }
        }
        let scratch = builder.allocate(initial: 0)
        return .success(
            CompiledReadout(
                program: builder.finished(keeping: outputs), outputs: outputs, dataRegisters: dataRegisters, sums: sums,
                scratch: scratch, parameters: parameters))
    }
}

/// One readout program's outputs, read on the samples each request names.
private struct Readout<R: RegisterFile> {
    let requests: [Request]
    let outputs: [Int]
    let dataRegisters: [Int]
    /// For each request over every sample, the register its sum gathers in.
    let sums: [Int?]
    let scratch: Int
    let samples: [[Rational]]

    /// Runs the program's body once per sample needed (once in all without samples).
    func values(running program: Program, on registers: R) throws(ProgramError) -> [R.Value] {
        var values = [R.Value?](repeating: nil, count: requests.count)
        for sample in neededSamples {
            if let sample { try load(sample, into: registers) }
            try program.runBody(on: registers)
            for (index, request) in requests.enumerated() {
                switch request.samples {
                case .model: values[index] = registers.value(at: outputs[index])
                case .one(let wanted) where wanted == sample: values[index] = registers.value(at: outputs[index])
                case .all:
                    if let sum = sums[index] {
                        try apply { () throws(EnclosureError) in try registers.add(sum, outputs[index], into: sum) }
                    }
                default: break
                }
            }
        }
        for (index, request) in requests.enumerated() {
            guard case .all(let reduction) = request.samples, let sum = sums[index] else { continue }
            if reduction == .mean {
                try apply { () throws(EnclosureError) in
                    try registers.load(1 / Rational(max(samples.count, 1)), into: scratch)
                }
                try apply { () throws(EnclosureError) in try registers.multiply(sum, scratch, into: sum) }
            }
            values[index] = registers.value(at: sum)
        }
        return values.compactMap { $0 }
    }

    /// The samples to run on (`nil`: the model's own givens), every one when a request reduces them all.
    private var neededSamples: [Int?] {
        guard !samples.isEmpty else { return [nil] }
        if requests.contains(where: { if case .all = $0.samples { true } else { false } }) {
            return Array(1...samples.count)
        }
        let wanted = Set(requests.compactMap { if case .one(let s) = $0.samples { s } else { nil } })
        return wanted.isEmpty ? [1] : wanted.sorted()
    }

    private func load(_ sample: Int, into registers: R) throws(ProgramError) {
        guard samples.indices.contains(sample - 1) else { return }
        for (register, value) in zip(dataRegisters, samples[sample - 1]) {
            try apply { () throws(EnclosureError) in try registers.load(value, into: register) }
        }
    }

    /// A register operation outside the program, its failure reported like the program's.
    private func apply(_ operation: () throws(EnclosureError) -> Void) throws(ProgramError) {
        do { try operation() } catch { throw ProgramError(error: error, definition: nil) }
    }
}
