import Exact
import Symbolic

/// Why a scenario could not be evaluated: the error and the name of the definition it arose in.
struct RunError: PrecisionSensitiveError, Sendable {
    var message: String
    var definition: String?
    var step: Int
    /// The arithmetic error behind it, when it is one (not a model's structure).
    var cause: EnclosureError?

    init(message: String, definition: String?, step: Int, cause: EnclosureError? = nil) {
        self.message = message
        self.definition = definition
        self.step = step
        self.cause = cause
    }

    /// A program's failure at `step`.
    init(failure: ProgramError, step: Int, during activity: String? = nil) {
        let message = activity.map { "\($0): \(failure.error)" } ?? failure.error.description
        self.init(message: message, definition: failure.definition, step: step, cause: failure.error)
    }

    /// A higher precision may succeed where this one failed.
    var mayYieldToPrecision: Bool { cause?.mayYieldToPrecision ?? false }
}
