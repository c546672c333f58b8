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

    /// The value of each request, in order, or why it could not be had.
    func evaluate(_ requests: [Request]) -> [Result<R.Value, RunError>] {
        var results = [Result<R.Value, RunError>?](repeating: nil, count: requests.count)
        let steps = Set(requests.map(\.step)).sorted()
        var training: Result<TrainingStep<R>, RunError>?
        if (steps.last ?? 0) > 0 {
            training = Result { () throws(RunError) in
                try TrainingStep(scenario: scenario, makeRegisters: makeRegisters)
            }
        }
        var current = 0
        for step in steps {
            let indices = requests.indices.filter { requests[$0].step == step }
            var trained: TrainingStep<R>?
            if step > 0, let trainingSoFar = training {
                do {
                    let run = try trainingSoFar.get()
                    while current < step {
                        try run.advance(from: current)
                        current += 1
                        progress?(current, steps.last ?? current)
                    }
                    trained = run
                } catch {
                    training = .failure(error)
                    for index in indices { results[index] = .failure(error) }
                    continue
                }
            }
            for (index, result) in zip(indices, readOut(indices.map { requests[$0] }, at: step, trained: trained)) {
                results[index] = result
            }
        }
        return results.map { $0 ?? .failure(RunError(message: "not evaluated", definition: nil, step: 0)) }
    }

    /// The requests of one step, read in one program; when that fails, each request alone, so that
    /// only the ones that cannot be evaluated fail.
    private func readOut(_ requests: [Request], at step: Int, trained: TrainingStep<R>?) -> [Result<R.Value, RunError>]
    {
        do {
            return try read(requests, at: step, trained: trained).map { .success($0) }
        } catch {
            guard requests.count > 1 else { return [.failure(error)] }
            return requests.map { request in
                Result { () throws(RunError) in try read([request], at: step, trained: trained)[0] }
            }
        }
    }

    /// Compiles the requests into one readout program, loads the trained parameters into it and runs it.
    private func read(_ requests: [Request], at step: Int, trained: TrainingStep<R>?) throws(RunError) -> [R.Value] {
        var builder = ProgramBuilder(model: scenario.model)
        var outputs: [Int] = []
        do {
            if requests.contains(where: \.readsUpdates) { _ = try scenario.emitUpdates(into: &builder) }
            for request in requests { outputs.append(try builder.compile(request.expression)) }
        } catch {
            throw RunError(message: error.description, definition: nil, step: step)
        }
        var parameterRegisters: [(source: Int, target: Int)] = []
        for (name, source) in trained?.parameters ?? [:] {
            if let target = builder.register(forGiven: name) { parameterRegisters.append((source, target)) }
        }
        let program = builder.finished(keeping: outputs)
        let registers = makeRegisters(program.registerCount)
        do {
            try program.runSetup(on: registers)
            if let trained {
                for (source, target) in parameterRegisters {
                    registers.set(trained.registers.value(at: source), at: target)
                }
            }
            try program.runBody(on: registers)
        } catch {
            throw RunError(failure: error, step: step)
        }
        return outputs.map(registers.value(at:))
    }
}
