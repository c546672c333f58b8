import Exact
import Fixture
import Symbolic

/// One gradient-descent step compiled for a scenario, with the registers it trains in place:
/// every parameter updated at once (`p ← p − η·dLoss/dp`), or as the scenario's mistake would.
///
/// With several samples a step uses a batch of them. A step of one sample (or one sample in
/// all) is one program run on that sample's values. A larger batch runs the gradient program once
/// per sample, adding each sample's gradient into accumulators, then updates the parameters from
/// the sum (or mean): the program stays one sample's size however much data there is.
struct TrainingStep<R: RegisterFile> {
    let program: Program
    let registers: R
    /// The register holding each trained parameter's current value.
    let parameters: [String: Int]
    /// The register of each data given, and the samples' values (empty without `[data]`).
    let dataRegisters: [Int]
    let samples: [[Rational]]
    /// For a batch of several samples: each parameter's gradient register and accumulator.
    let accumulation: CompiledStep.Accumulation?
    let training: TrainingSpec?
    let reduction: TrainingSpec.Reduction

    /// The scenario's step (compiled once per scenario) on registers of its own.
    init(scenario: Scenario, makeRegisters: (Int) -> R) throws(RunError) {
        let compiled = try scenario.programs.trainingStep { Self.compile(scenario) }.get()
        program = compiled.program
        parameters = compiled.parameters
        dataRegisters = compiled.dataRegisters
        accumulation = compiled.accumulation
        samples = scenario.fixture.data?.samples ?? []
        training = scenario.fixture.training
        reduction = scenario.reduction
        registers = makeRegisters(program.registerCount)
        do { try program.runSetup(on: registers) } catch {
            throw RunError(failure: error, step: 0)
        }
    }

    /// Compiles the scenario's step: the parameters' updates, or for a batch the gradients and sums.
    private static func compile(_ scenario: Scenario) -> Result<CompiledStep, RunError> {
        let fixture = scenario.fixture
        var builder = ProgramBuilder(model: scenario.model)
        var parameters: [String: Int] = [:]
        var accumulation: CompiledStep.Accumulation?
        do {
            if batchesSeveralSamples(fixture) {
                accumulation = try emitAccumulation(scenario, into: &builder, parameters: &parameters)
            } else {
                let updates = try scenario.emitUpdates(into: &builder)
                for name in scenario.parameters {
                    guard let target = builder.register(forGiven: name), let source = updates[name] else { continue }
                    parameters[name] = target
                    builder.emit(.copy(source, into: target))
                }
            }
        } catch {
            return .failure(RunError(message: error.description, definition: nil, step: 0))
        }
        let dataRegisters = (fixture.data?.names ?? []).compactMap { builder.register(forGiven: $0) }
        let kept = accumulation.map { $0.gradients.map(\.gradient) } ?? Array(parameters.values)
        return .success(
            CompiledStep(
                program: builder.finished(keeping: kept), parameters: parameters, dataRegisters: dataRegisters,
                accumulation: accumulation))
    }

    /// Whether a step adds up the gradients of more than one sample.
    static func batchesSeveralSamples(_ fixture: Fixture) -> Bool {
        guard let count = fixture.data?.samples.count, count > 1, let training = fixture.training else { return false }
        return training.samples(ofStep: 1, count: count).count > 1
    }

    /// The gradient registers, one accumulator per parameter, the rate and a scratch register.
    private static func emitAccumulation(
        _ scenario: Scenario, into builder: inout ProgramBuilder, parameters: inout [String: Int]
    ) throws(ModelError) -> CompiledStep.Accumulation {
        let gradients = try scenario.emitGradients(into: &builder)
        var entries: [(Int, Int, Int)] = []
        for name in scenario.parameters {
            guard let target = builder.register(forGiven: name), let gradient = gradients[name] else { continue }
            parameters[name] = target
            entries.append((target, gradient, builder.allocate(initial: 0)))
        }
        let rate = try builder.compile(scenario.rate)
        return CompiledStep.Accumulation(
            gradients: entries, rate: rate, scratch: builder.allocate(initial: 0), updateSign: scenario.updateSign)
    }

    /// Takes the step after `step` steps have been taken.
    func advance(from step: Int) throws(RunError) {
        do {
            guard let accumulation, let training else {
                if !samples.isEmpty, let training {
                    try load(sample: training.samples(ofStep: step + 1, count: samples.count).lowerBound)
                }
                return try program.runBody(on: registers)
            }
            try advanceBatch(step + 1, accumulation: accumulation, training: training)
        } catch let failure as ProgramError {
            throw RunError(failure: failure, step: step + 1, during: "while training, step \(step + 1)")
        } catch let failure as EnclosureError {
            let wrapped = ProgramError(error: failure, definition: nil)
            throw RunError(failure: wrapped, step: step + 1, during: "while training, step \(step + 1)")
        } catch {
            throw RunError(message: "\(error)", definition: nil, step: step + 1)
        }
    }

    /// Writes sample `s`'s values (from 1) into the data givens' registers.
    func load(sample s: Int) throws(ProgramError) {
        guard samples.indices.contains(s - 1) else { return }
        for (register, value) in zip(dataRegisters, samples[s - 1]) {
            do { try registers.load(value, into: register) } catch {
                throw ProgramError(error: error, definition: nil)
            }
        }
    }

    /// One step over a batch: every sample's gradient added up, then `p ← p − η·(sum or mean)`.
    private func advanceBatch(_ step: Int, accumulation: CompiledStep.Accumulation, training: TrainingSpec) throws {
        let batch = training.samples(ofStep: step, count: samples.count)
        for entry in accumulation.gradients { try registers.load(0, into: entry.sum) }
        for sample in batch {
            try load(sample: sample)
            try program.runBody(on: registers)
            for entry in accumulation.gradients { try registers.add(entry.sum, entry.gradient, into: entry.sum) }
        }
        let scale: Rational = reduction == .mean ? 1 / Rational(batch.count) : 1
        try registers.load(scale, into: accumulation.scratch)
        try registers.multiply(accumulation.scratch, accumulation.rate, into: accumulation.scratch)
        for entry in accumulation.gradients {
            try registers.multiply(accumulation.scratch, entry.sum, into: entry.sum)
            if accumulation.updateSign > 0 {
                try registers.subtract(entry.parameter, entry.sum, into: entry.parameter)
            } else {
                try registers.add(entry.parameter, entry.sum, into: entry.parameter)
            }
        }
    }
}
