/// Why a formula claim could not be judged: a side that does not resolve in the model.
struct FormulaError: Error, Sendable {
    var message: String
}
