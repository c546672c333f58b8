import Symbolic

/// One quantity to evaluate: an expression in the scenario's model, read after `step` training steps.
struct Request: Sendable {
    var step: Int
    var expression: Expr
    /// Compile the scenario's parameter updates first, so the expression may read their new values.
    var readsUpdates = false
}
