import Exact
import Fixture
import Symbolic

/// How a fixture's values are computed: as the model says, or as one mistake would compute them.
///
/// Every mistake is a change to one of three things — the model itself (`no-half`, `miswired`),
/// how derivatives are taken (`swapped`, `no-activation-derivative`), or how a training step
/// updates the parameters (`sequential`, `sign`, `biases-trained`) — so one evaluator serves all.
struct Scenario: Sendable {
    let fixture: Fixture
    let mistake: Mistake?
    let model: Model
    /// The trained parameters, in the order listed.
    let parameters: [String]
    /// +1 for `p − η·g`, −1 for the sign mistake `p + η·g`.
    let updateSign: Int
    let options: Model.DerivativeOptions
    /// Names replaced inside every derivative formula.
    let derivativeSubstitution: [String: Expr]
    let isSequential: Bool
    /// How a batch's losses combine (the other way in the `reduction` scenario).
    let reduction: TrainingSpec.Reduction
    /// For each parameter, the number of definitions on the longest path from it to the loss:
    /// equal counts form a layer, and a smaller count is a later layer.
    let layerDepth: [String: Int]
    /// The loss's derivative by every name, taken once, on first use (before the scenario's substitution).
    private let lossGradient: LossGradient
    /// The programs its runs compile, shared by every copy of this scenario.
    let programs = ScenarioPrograms()
    /// The derivatives taken so far, by quantity and variable, shared by every copy.
    private let derivatives = Locked<[[String]: Expr]>([:])

    /// The scenario of `mistake` (nil: the model as written). `correct`, the scenario without mistakes, lends
    /// its loss gradient to mistakes that change neither the model nor how derivatives are taken.
    init(fixture: Fixture, mistake: Mistake? = nil, sharing correct: Scenario? = nil) throws(ModelError) {
        self.fixture = fixture
        self.mistake = mistake
        let base = fixture.model
        var model = base
        var parameters = fixture.training?.parameters ?? []
        var updateSign = 1
        var options = Model.DerivativeOptions()
        var substitution: [String: Expr] = [:]
        switch mistake {
        case .noHalf?:
            model = try Self.togglingHalf(base)
        case .miswired(let used, let replaced)?:
            model = try Self.rebuilt(base) { $0.substituting([replaced: .name(used)]) }
        case .swapped(let used, let replaced)?:
            substitution = [replaced: .name(used)]
        case .exchanged(let a, let b)?:
            substitution = [a: .name(b), b: .name(a)]
        case .noActivationDerivative?:
            options.dropsActivationDerivative = true
        case .signOfUpdate?:
            updateSign = -1
        case .biasesTrained?:
            let biases = Self.biases(of: base)
            if biases.allSatisfy(parameters.contains) {
                parameters.removeAll(where: biases.contains)
            } else {
                parameters += biases.filter { !parameters.contains($0) }
            }
        default:
            break
        }
        self.model = model
        self.parameters = parameters
        self.updateSign = updateSign
        self.options = options
        self.derivativeSubstitution = substitution
        self.isSequential = mistake == .sequential
        let written = fixture.training?.reduction ?? .sum
        self.reduction = mistake == .reduction ? written.other : written
        self.layerDepth = Self.depths(in: model, loss: fixture.training?.loss)
        let keepsDerivatives: Bool =
            switch mistake {
            case .noHalf?, .miswired?, .noActivationDerivative?: false
            default: true
            }
        if keepsDerivatives, let correct {
            self.lossGradient = correct.lossGradient
        } else {
            let (loss, written, taken) = (fixture.training?.loss, model, options)
            self.lossGradient = LossGradient { loss.map { written.gradient(of: $0, options: taken) } ?? [:] }
        }
    }

    /// `dA/dB` as this scenario takes it, taken once and then kept (plans, readouts and formula
    /// claims ask for the same derivatives many times).
    func derivative(of quantity: String, by variable: String) throws(ModelError) -> Expr {
        let key = [quantity, variable]
        if let known = derivatives.withLock({ $0[key] }) { return known }
        let taken: Expr
        if quantity == fixture.training?.loss, model.contains(variable) {
            taken = (lossGradient.value[variable] ?? 0).substituting(derivativeSubstitution)
        } else {
            taken = try model.derivative(of: quantity, by: variable, options: options)
                .substituting(derivativeSubstitution)
        }
        derivatives.withLock { $0[key] = taken }
        return taken
    }

    /// The learning rate as an expression.
    var rate: Expr {
        switch fixture.training?.rate {
        case .number(let value)?: .constant(value)
        case .name(let name)?: .name(name)
        case nil: 0
        }
    }

    /// Compiles one training step's new parameter values and returns their registers.
    ///
    /// Parameters are processed layer by layer from the last; in the `sequential` scenario a
    /// layer's gradient reads the new values of the later layers' parameters.
    func emitUpdates(into builder: inout ProgramBuilder) throws(ModelError) -> [String: Int] {
        guard let loss = fixture.training?.loss else { return [:] }
        var updated: [String: Int] = [:]
        let rateRegister = try builder.compile(rate)
        let ordered = parameters.sorted { (layerDepth[$0] ?? 0) < (layerDepth[$1] ?? 0) }
        for parameter in ordered {
            var gradient = try derivative(of: loss, by: parameter)
            if isSequential {
                var later: [String: Expr] = [:]
                for (name, _) in updated where (layerDepth[name] ?? 0) < (layerDepth[parameter] ?? 0) {
                    later[name] = .name(Self.updatedName(name))
                }
                gradient = gradient.substituting(later)
            }
            let gradientRegister = try builder.compile(gradient)
            let parameterRegister = try builder.compile(name: parameter)
            let step = builder.allocate()
            builder.emit(.multiply(rateRegister, gradientRegister, into: step))
            builder.emit(
                updateSign > 0
                    ? .subtract(parameterRegister, step, into: step) : .add(parameterRegister, step, into: step))
            updated[parameter] = step
            if isSequential { builder.bind(Self.updatedName(parameter), to: step) }
        }
        return updated
    }

    /// Which samples a claim's quantity is read on: its `[s]`, else (the training loss and its
    /// derivatives) every sample reduced as this scenario reduces them.
    func samples(for quantity: Quantity) -> Request.Samples {
        guard let data = fixture.data else { return .model }
        if let sample = quantity.sample { return .one(sample) }
        let head: String =
            switch quantity.target {
            case .name(let name): name
            case .derivative(let of, _): of
            }
        // Anything else is the same on every sample (the reader makes sure): sample 1 will do.
        return data.samples.count > 1 && head == fixture.training?.loss ? .all(reduction) : .one(1)
    }

    /// Compiles the loss's gradient by each trained parameter (on the data givens' current values)
    /// and returns their registers: what one sample adds to a batch's gradient.
    func emitGradients(into builder: inout ProgramBuilder) throws(ModelError) -> [String: Int] {
        guard let loss = fixture.training?.loss else { return [:] }
        var gradients: [String: Int] = [:]
        for parameter in parameters { gradients[parameter] = try builder.compile(derivative(of: loss, by: parameter)) }
        return gradients
    }

    /// The expression whose value a claim's quantity has in this scenario, to be compiled after
    /// `emitUpdates` when the scenario is sequential (a gradient then reads later layers' new values).
    func expression(for target: Quantity.Target) throws(ModelError) -> Expr {
        switch target {
        case .name(let name):
            return .name(name)
        case .derivative(let quantity, let variable):
            var result = try derivative(of: quantity, by: variable)
            if isSequential, let depth = layerDepth[variable], parameters.contains(variable) {
                var later: [String: Expr] = [:]
                for parameter in parameters where (layerDepth[parameter] ?? 0) < depth {
                    later[parameter] = .name(Self.updatedName(parameter))
                }
                result = result.substituting(later)
            }
            return result
        }
    }

    static func updatedName(_ parameter: String) -> String { parameter + "⁺" }

    /// Givens that enter a definition as a plain term of a sum (`b1` in `w1*i1 + w2*i2 + b1*1`).
    static func biases(of model: Model) -> [String] {
        var found: [String] = []
        for name in model.definitionOrder {
            guard let body = model.definitions[name], case .sum(let terms) = body.kind else { continue }
            for term in terms {
                if let given = term.nameValue, model.givens[given] != nil, !found.contains(given) {
                    found.append(given)
                }
            }
        }
        return found
    }

    /// The number of definitions on the longest path from each name to the loss.
    static func depths(in model: Model, loss: String?) -> [String: Int] {
        guard let loss else { return [:] }
        var depth: [String: Int] = [loss: 0]
        for name in model.definitionOrder.reversed() {
            guard let own = depth[name] else { continue }
            for used in model.uses[name] ?? [] {
                depth[used] = max(depth[used] ?? 0, own + 1)
            }
        }
        return depth
    }

    /// The parameters grouped into layers (equal depth), earliest layer first.
    var layers: [[String]] {
        let groups = Dictionary(grouping: parameters, by: { layerDepth[$0] ?? 0 })
        return groups.keys.sorted(by: >).compactMap { groups[$0] }
    }

    private static func rebuilt(_ model: Model, _ transform: (Expr) -> Expr) throws(ModelError) -> Model {
        try Model(
            givens: model.givenNames.compactMap { name in model.givens[name].map { (name, $0) } },
            definitions: model.definitionOrder.compactMap { name in
                model.definitions[name].map { (name, transform($0)) }
            })
    }

    /// Drops the ½ in front of every squared term, or adds one where the model has none.
    private static func togglingHalf(_ model: Model) throws(ModelError) -> Model {
        let half = Rational.half
        var hasHalf = false
        for name in model.definitionOrder {
            model.definitions[name]?.forEachNode { node in
                if case .product(let factors) = node.kind, factors.first?.constantValue == half,
                    factors.dropFirst().contains(where: { if case .power(_, 2) = $0.kind { true } else { false } })
                {
                    hasHalf = true
                }
            }
        }
        return try rebuilt(model) { body in
            body.rewritten { node in
                if hasHalf, case .product(let factors) = node.kind, factors.first?.constantValue == half {
                    return Expr.product(Array(factors.dropFirst()))
                }
                if !hasHalf, case .power(_, 2) = node.kind { return .constant(half) * node }
                return nil
            }
        }
    }
}
