import Exact

/// Why an expression could not be evaluated.
public enum EvaluationError: PrecisionSensitiveError, Sendable, CustomStringConvertible {
    case model(ModelError)
    case arithmetic(ProgramError)

    /// Whether a higher working precision may succeed (never for a model's structure).
    public var mayYieldToPrecision: Bool {
        if case .arithmetic(let failure) = self { return failure.error.mayYieldToPrecision }
        return false
    }

    public var description: String {
        switch self {
        case .model(let error): error.description
        case .arithmetic(let failure): failure.description
        }
    }
}
