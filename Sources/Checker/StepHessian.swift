import Exact
import Fixture
import Symbolic

/// How much one training step can stretch the distance between two parameter vectors, proved
/// over a box: the learning rate times the loss's Hessian by the trained parameters, compiled
/// once as a program and evaluated on balls that hold the whole box, then bounded in the
/// spectral norm (`ContractionBound`).
///
/// Only for the plain update `p ← p − η·∇loss` of a smooth model (no relu), where the step's
/// Jacobian is `I − η·H` with `H` symmetric.
struct StepHessian {
    let program: Program
    /// The registers of the trained parameters, in the scenario's order.
    let parameterRegisters: [Int]
    /// The register of `η·∂²loss/∂p_i∂p_j` for i ≤ j, row by row.
    let entries: [[Int]]

    /// Enclosures this coarse suffice: the bound needs a few correct digits of each entry.
    static let precision = 64

    /// Beyond this many trained parameters the Hessian's n² entries cost more than they save.
    static let largestParameterCount = 64

    /// The scenario's step Hessian, or `nil` when the scenario is not one this applies to.
    init?(scenario: Scenario) {
        // The rate must be a constant of the step: made of givens that are not trained.
        let rateNames = scenario.rate.names
        guard scenario.updateSign > 0, !scenario.isSequential, let loss = scenario.fixture.training?.loss,
            (1...Self.largestParameterCount).contains(scenario.parameters.count), Self.isSmooth(scenario.model),
            rateNames.allSatisfy({ scenario.model.givens[$0] != nil && !scenario.parameters.contains($0) })
        else { return nil }
        let model = scenario.model
        let names = scenario.parameters.map { "∇" + $0 }
        var definitions = model.definitionOrder.compactMap { name in model.definitions[name].map { (name, $0) } }
        do {
            for (parameter, name) in zip(scenario.parameters, names) {
                definitions.append((name, try scenario.derivative(of: loss, by: parameter)))
            }
            let extended = try Model(
                givens: model.givenNames.compactMap { name in model.givens[name].map { (name, $0) } },
                definitions: definitions)
            var builder = ProgramBuilder(model: extended)
            let rate = try builder.compile(scenario.rate)
            var entries: [[Int]] = []
            for (j, name) in names.enumerated() {
                let second = extended.gradient(of: name)
                for (i, parameter) in scenario.parameters.prefix(j + 1).enumerated() {
                    if entries.count <= i { entries.append([]) }
                    let entry = builder.allocate()
                    builder.emit(.multiply(rate, try builder.compile(second[parameter] ?? 0), into: entry))
                    entries[i].append(entry)
                }
            }
            parameterRegisters = scenario.parameters.compactMap { builder.register(forGiven: $0) }
            guard parameterRegisters.count == scenario.parameters.count else { return nil }
            self.entries = entries
            program = builder.finished(keeping: entries.flatMap { $0 })
        } catch {
            return nil
        }
    }

    /// A bound on the step's stretch over every point of `box` (one range per parameter), or
    /// `nil` when the Hessian cannot be evaluated there or binary64 cannot bound it.
    func bound(over box: [ClosedRange<Double>]) -> ContractionBound? {
        let registers = BallRegisters(count: program.registerCount, precision: Self.precision)
        do {
            try program.runSetup(on: registers)
            for (register, range) in zip(parameterRegisters, box) {
                try registers.load(enclosing: range, into: register)
            }
            try program.runBody(on: registers)
        } catch {
            return nil
        }
        let n = parameterRegisters.count
        var centre = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var radius = centre
        for (i, row) in entries.enumerated() {
            for (offset, register) in row.enumerated() {
                let j = i + offset
                let (middle, reach) = registers.bounds(at: register).centreAndRadius
                (centre[i][j], centre[j][i], radius[i][j], radius[j][i]) = (middle, middle, reach, reach)
            }
        }
        return ContractionBound(centre: centre, radius: radius)
    }

    /// Whether every function the model applies is smooth (relu and its step are not).
    static func isSmooth(_ model: Model) -> Bool {
        var smooth = true
        for name in model.definitionOrder {
            model.definitions[name]?.forEachNode { node in
                if case .function(let function, _) = node.kind, function == .relu || function == .step {
                    smooth = false
                }
            }
        }
        return smooth
    }
}
