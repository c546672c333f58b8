import Exact
import Symbolic

/// Trains a scenario's model step by step on one kind of registers and reads the requested
/// quantities at the steps they name: one generic path for `Double` and for certified balls.
struct ScenarioRun<R: RegisterFile> {
    let scenario: Scenario
    let makeRegisters: (Int) -> R

    /// The value of each request, in order.
    func evaluate(_ requests: [Request]) throws(RunError) -> [R.Value] {
        var results = [R.Value?](repeating: nil, count: requests.count)
        let steps = Set(requests.map(\.step)).sorted()
        let lastStep = steps.last ?? 0
        var training: TrainingStep<R>?
        if lastStep > 0 { training = try TrainingStep(scenario: scenario, makeRegisters: makeRegisters) }
        var current = 0
        for step in steps {
            if let training {
                while current < step {
                    try training.advance(from: current)
                    current += 1
                }
            }
            let indices = requests.indices.filter { requests[$0].step == step }
            var builder = ProgramBuilder(model: scenario.model)
            var outputs: [Int] = []
            do {
                if indices.contains(where: { requests[$0].readsUpdates }) {
                    _ = try scenario.emitUpdates(into: &builder)
                }
                for index in indices { outputs.append(try builder.compile(requests[index].expression)) }
            } catch {
                throw RunError(message: error.description, definition: nil, step: step)
            }
            var parameterRegisters: [(Int, Int)] = []
            if let training {
                for (name, source) in training.parameters {
                    if let target = builder.register(forGiven: name) { parameterRegisters.append((source, target)) }
                }
            }
            let program = builder.finished(keeping: outputs)
            let registers = makeRegisters(program.registerCount)
            do {
                try program.runSetup(on: registers)
                if let training {
                    for (source, target) in parameterRegisters {
                        registers.set(training.registers.value(at: source), at: target)
                    }
                }
                try program.runBody(on: registers)
            } catch {
                throw RunError(
                    message: error.error.description, definition: error.definition, step: step,
                    mayYieldToPrecision: error.error.mayYieldToPrecision)
            }
            for (index, output) in zip(indices, outputs) { results[index] = registers.value(at: output) }
        }
        return results.compactMap { $0 }
    }
}
