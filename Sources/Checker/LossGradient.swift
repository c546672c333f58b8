import Symbolic

/// A loss's derivative by every name, taken on first use and then kept: a scenario that never
/// differentiates its loss (a formula claim about the forward pass) never pays for the reverse
/// sweep, and the mistakes that keep the model share the correct scenario's.
final class LossGradient: Sendable {
    private let take: @Sendable () -> [String: Expr]
    private let taken = Locked<[String: Expr]?>(nil)

    init(_ take: @escaping @Sendable () -> [String: Expr]) { self.take = take }

    /// The derivatives by name (a name the loss does not depend on is absent).
    var value: [String: Expr] { taken.value(make: take) }
}
