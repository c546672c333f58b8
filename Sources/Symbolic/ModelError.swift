/// A problem with a model as a whole: each names the quantities involved, so that a fixture
/// reader can point at the lines that define them.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `name` is used by `user` (a definition) but neither given nor defined.
    case undefinedName(String, usedBy: String)
    /// The definitions in `names` depend on each other in a circle.
    case cycle([String])
    /// A derivative names something the model does not have.
    case unknownInDerivative(String, usedBy: String?)

    public var description: String {
        switch self {
        case .undefinedName(let name, let user): "'\(name)' is used by '\(user)' but is neither given nor defined"
        case .cycle(let names): "definitions form a cycle: \((names + [names.first ?? ""]).joined(separator: " → "))"
        case .unknownInDerivative(let name, _): "unknown name '\(name)' in a derivative"
        }
    }
}
