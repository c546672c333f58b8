import Fixture
import Symbolic

/// The model a scan resolves names against and builds claims for: `--fixture`'s model and training.
public struct ScanModel: Sendable {
    public let fixture: Fixture
    let resolver: NameResolver

    public init(fixture: Fixture) {
        self.fixture = fixture
        resolver = NameResolver(names: fixture.model.allNames)
    }

    /// Whether a written name resolves to exactly one of the model's names.
    func isName(_ written: String) -> Bool { resolver.isName(written) }

    /// The model's spelling of a written name, or why there is none.
    func resolve(_ written: String, beforeParenthesis: Bool = false) throws(SkipReason) -> String {
        switch resolver.resolve(written) {
        case .name(let name): return name
        case .ambiguous(let names):
            throw SkipReason("'\(written)' could be any of \(names.joined(separator: ", "))")
        case .unknown:
            throw SkipReason(beforeParenthesis ? "unknown function '\(written)'" : "unknown name '\(written)'")
        }
    }

    /// What a name leaf is about: a name or a derivative of one name by another, at its step.
    func quantity(_ leaf: NameLeaf) throws(SkipReason) -> Quantity {
        let target: Quantity.Target
        if let (of, by) = leaf.derivative {
            target = .derivative(of: try resolve(of), by: try resolve(by))
        } else {
            target = .name(try resolve(leaf.written, beforeParenthesis: leaf.beforeParenthesis))
        }
        guard leaf.step == 0 || fixture.training != nil else {
            throw SkipReason("'\(leaf.display)' is a value after training: the model has no [training]")
        }
        return Quantity(target, step: leaf.step, notation: leaf.step > 0 ? .plus : .none)
    }

    /// A name leaf inside a formula: a plain name or derivative (no step).
    func expr(_ leaf: NameLeaf) throws(SkipReason) -> Expr {
        let quantity = try quantity(leaf)
        guard quantity.step == 0 else {
            throw SkipReason("a value after training ('\(leaf.display)') inside a formula is not read")
        }
        switch quantity.target {
        case .name(let name): return .name(name)
        case .derivative(let of, let by): return .derivative(of: of, by: by)
        }
    }

    /// Whether a formula may be claimed for `quantity`: no step, or `p+` of a trained parameter.
    func allowsFormula(for quantity: Quantity) -> Bool {
        if quantity.step == 0 { return true }
        guard quantity.step == 1, case .name(let name) = quantity.target else { return false }
        return fixture.training?.parameters.contains(name) ?? false
    }
}
