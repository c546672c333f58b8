/// Why an expression could not be evaluated.
public enum EvaluationError: Error, Sendable, CustomStringConvertible {
    case model(ModelError)
    case arithmetic(ProgramError)

    public var description: String {
        switch self {
        case .model(let error): error.description
        case .arithmetic(let failure): failure.description
        }
    }
}
