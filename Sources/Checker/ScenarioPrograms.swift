import Exact
import Fixture
import Symbolic

/// The programs a scenario's runs compile — its training step and each step's readout — made
/// once and shared by every run of the scenario, whatever its number type: a check's `Double`,
/// binary32 and certified runs compile the same programs, and compiling (the updates' symbolic
/// substitution above all) costs as much as hundreds of training steps.
final class ScenarioPrograms: Sendable {
    private let step = Locked<Result<CompiledStep, RunError>?>(nil)
    private let readouts = Locked<[[ReadoutKey]: Result<CompiledReadout, RunError>]>([:])

    /// What a readout program depends on: a request without its step.
    struct ReadoutKey: Hashable, Sendable {
        let expression: Expr
        let readsUpdates: Bool
        let samples: Request.Samples
    }

    /// The training step's program, compiled by `compile` the first time (a failure is not kept).
    func trainingStep(_ compile: () -> Result<CompiledStep, RunError>) -> Result<CompiledStep, RunError> {
        step.value(keep: Self.succeeded, make: compile)
    }

    /// The readout program of `requests`, compiled by `compile` the first time (a failure, whose
    /// message names its step, is not kept).
    func readout(
        of requests: [Request], _ compile: () -> Result<CompiledReadout, RunError>
    ) -> Result<CompiledReadout, RunError> {
        let key = requests.map {
            ReadoutKey(expression: $0.expression, readsUpdates: $0.readsUpdates, samples: $0.samples)
        }
        return readouts.value(for: key, keep: Self.succeeded, make: compile)
    }

    private static func succeeded<Program>(_ result: Result<Program, RunError>) -> Bool {
        (try? result.get()) != nil
    }
}

/// A training step compiled: the program, where each trained parameter and data given lives, and
/// for a batch of several samples, where its gradients are summed.
struct CompiledStep: Sendable {
    let program: Program
    let parameters: [String: Int]
    let dataRegisters: [Int]
    let accumulation: Accumulation?

    /// Where a batched step keeps its sums.
    struct Accumulation: Sendable {
        var gradients: [(parameter: Int, gradient: Int, sum: Int)]
        var rate: Int
        var scratch: Int
        var updateSign: Int
    }
}

/// A readout compiled: the program and its outputs, and where the data givens, the sums over
/// samples and the trained parameters go in it.
struct CompiledReadout: Sendable {
    let program: Program
    let outputs: [Int]
    let dataRegisters: [Int]
    /// For each request over every sample, the register its sum gathers in.
    let sums: [Int?]
    let scratch: Int
    /// The register of each of the scenario's trained parameters that the program reads.
    let parameters: [String: Int]
}
