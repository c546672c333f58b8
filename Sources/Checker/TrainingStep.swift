import Exact
import Symbolic

/// One gradient-descent step compiled for a scenario, with the registers it trains in place:
/// every parameter updated at once (`p ← p − η·dLoss/dp`), or as the scenario's mistake would.
struct TrainingStep<R: RegisterFile> {
    let program: Program
    let registers: R
    /// The register holding each trained parameter's current value.
    let parameters: [String: Int]

    init(scenario: Scenario, makeRegisters: (Int) -> R) throws(RunError) {
        var builder = ProgramBuilder(model: scenario.model)
        var parameters: [String: Int] = [:]
        do {
            let updates = try scenario.emitUpdates(into: &builder)
            for name in scenario.parameters {
                guard let target = builder.register(forGiven: name), let source = updates[name] else { continue }
                parameters[name] = target
                builder.emit(.copy(source, into: target))
            }
        } catch {
            throw RunError(message: error.description, definition: nil, step: 0)
        }
        program = builder.finished(keeping: Array(parameters.values))
        registers = makeRegisters(program.registerCount)
        self.parameters = parameters
        do { try program.runSetup(on: registers) } catch {
            throw RunError(failure: error, step: 0)
        }
    }

    /// Takes the step after `step` steps have been taken.
    func advance(from step: Int) throws(RunError) {
        do { try program.runBody(on: registers) } catch {
            throw RunError(failure: error, step: step + 1, during: "while training, step \(step + 1)")
        }
    }
}
