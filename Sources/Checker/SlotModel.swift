import Exact
import Fixture
import Symbolic

/// A fixture's model with every use of a trained parameter given its own names, so that the
/// mistakes that redirect one parameter's uses (`swapped`, `exchanged`, `miswired`) become edits
/// of one compiled program instead of new models, derivatives and programs.
///
/// In the definitions parameter `p` is read as its forward slot `p·f` (a given of the same value);
/// in derivative formulas it is read as its derivative alias `p·d`. `·` cannot occur in a
/// fixture's names, so the new names never collide with the model's.
struct SlotModel: Sendable {
    /// The model whose definitions read the forward slots.
    let model: Model
    /// The trained parameters, in the order listed.
    let parameters: [String]
    let loss: String
    /// The loss's derivative by each parameter's forward slot, formulas reading derivative aliases.
    let gradient: [String: Expr]

    /// Nil when the fixture trains nothing, or trains a name that is not a given.
    init?(fixture: Fixture) {
        guard let training = fixture.training, !training.parameters.isEmpty else { return nil }
        let base = fixture.model
        let parameters = training.parameters
        guard parameters.allSatisfy({ base.givens[$0] != nil }) else { return nil }
        let slots = Dictionary(uniqueKeysWithValues: parameters.map { ($0, Expr.name(Self.forward($0))) })
        let slotGivens = parameters.compactMap { name in base.givens[name].map { (Self.forward(name), $0) } }
        let givens = base.givenNames.compactMap { name in base.givens[name].map { (name, $0) } }
        guard
            let model = try? Model(
                givens: givens + slotGivens,
                definitions: base.definitionOrder.compactMap { name in
                    base.definitions[name].map { (name, $0.substituting(slots)) }
                })
        else { return nil }
        self.model = model
        self.parameters = parameters
        self.loss = training.loss
        let sweep = model.gradient(of: training.loss)
        let aliases = Self.aliases(parameters)
        var gradient: [String: Expr] = [:]
        for name in parameters { gradient[name] = (sweep[Self.forward(name)] ?? 0).substituting(aliases) }
        self.gradient = gradient
    }

    static func forward(_ parameter: String) -> String { parameter + "·f" }
    static func alias(_ parameter: String) -> String { parameter + "·d" }

    /// Every forward slot's name replaced by the derivative alias: what a derivative formula reads.
    private static func aliases(_ parameters: [String]) -> [String: Expr] {
        Dictionary(uniqueKeysWithValues: parameters.map { (forward($0), Expr.name(alias($0))) })
    }

    /// The expression of a claim's quantity, as the correct scenario takes it, over this model.
    func expression(for target: Quantity.Target) throws(ModelError) -> Expr {
        switch target {
        case .name(let name):
            return .name(name)
        case .derivative(let quantity, let variable):
            if quantity == loss, let byParameter = gradient[variable] { return byParameter }
            let free = parameters.contains(variable) ? Self.forward(variable) : variable
            return try model.derivative(of: quantity, by: free).substituting(Self.aliases(parameters))
        }
    }
}
