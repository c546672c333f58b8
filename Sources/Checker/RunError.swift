/// Why a scenario could not be evaluated: the error and the name of the definition it arose in.
struct RunError: Error, Sendable {
    var message: String
    var definition: String?
    var step: Int
    /// A higher precision may succeed where this one failed.
    var mayYieldToPrecision = false
}
