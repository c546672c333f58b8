import Exact
import Fixture
import Symbolic

/// A derivative of a fixture's model shown the tutorial's ways, every factor with its certified
/// value and the `Double` value beside it.
public struct Derivation: Sendable {
    public enum Form: String, Sendable, CaseIterable {
        case chain, delta, expanded, all
    }

    public var breakdown: DerivativeBreakdown
    public var value: CertifiedValue
    /// One value per chain factor, in the chain's order.
    public var factorValues: [CertifiedValue]
    /// One value per delta, in `breakdown.deltas`' order.
    public var deltaValues: [CertifiedValue]
    public var digits: Int

    public init(fixture: Fixture, of quantity: String, by variable: String, digits: Int) throws(DerivationError) {
        let model = fixture.model
        for name in [quantity, variable] where !model.contains(name) {
            throw .unknownName(name, known: model.allNames)
        }
        do {
            breakdown = try DerivativeBreakdown(model: model, of: quantity, by: variable)
        } catch {
            throw .model(error.description)
        }
        self.digits = digits
        let deltaModel: Model
        do {
            deltaModel = try Self.modelWithDeltas(model, breakdown: breakdown)
        } catch {
            throw .model(error.description)
        }
        var expressions = [breakdown.expression] + breakdown.chain.map(\.expression)
        expressions += breakdown.deltas.map(\.expression)
        let values: [CertifiedValue]
        do {
            values = try deltaModel.certify(expressions, significantDigits: digits)
        } catch {
            throw .evaluation(error.description)
        }
        value = values[0]
        factorValues = Array(values[1...breakdown.chain.count])
        deltaValues = Array(values[(breakdown.chain.count + 1)...])
    }

    /// The model with each delta symbol (`δ_o1`) defined as its quantity's adjoint.
    private static func modelWithDeltas(_ model: Model, breakdown: DerivativeBreakdown) throws(ModelError) -> Model {
        guard !breakdown.deltas.isEmpty else { return model }
        let givens = model.givenNames.compactMap { name in model.givens[name].map { (name, $0) } }
        var definitions = model.definitionOrder.compactMap { name in model.definitions[name].map { (name, $0) } }
        for delta in breakdown.deltas {
            definitions.append((delta.symbol, try model.derivative(of: breakdown.quantity, by: delta.quantity)))
        }
        return try Model(givens: givens, definitions: definitions)
    }
}
