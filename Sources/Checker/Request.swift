import Fixture
import Symbolic

/// One quantity to evaluate: an expression in the scenario's model, read after `step` training steps.
struct Request: Sendable {
    var step: Int
    var expression: Expr
    /// Compile the scenario's parameter updates first, so the expression may read their new values.
    var readsUpdates = false
    /// Which samples of `[data]` the value is read on.
    var samples = Samples.model

    /// Where the data givens' values come from.
    enum Samples: Sendable, Hashable {
        /// The model's own givens (a fixture without `[data]`).
        case model
        /// Sample s (from 1).
        case one(Int)
        /// Every sample, the values summed or averaged: the training loss over the whole data set.
        case all(TrainingSpec.Reduction)
    }
}
