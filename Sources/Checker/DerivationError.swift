/// Why a derivation could not be shown.
public enum DerivationError: Error, Sendable, CustomStringConvertible {
    /// A name the model does not have; `known` lists the names it has.
    case unknownName(String, known: [String])
    case model(String)
    case evaluation(String)

    public var description: String {
        switch self {
        case .unknownName(let name, let known):
            "unknown name '\(name)'; the model has: \(known.joined(separator: ", "))"
        case .model(let message), .evaluation(let message): message
        }
    }
}
