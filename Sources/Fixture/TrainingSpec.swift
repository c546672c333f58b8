import Exact

/// The `[training]` section: gradient descent on `loss` over `parameters` at `rate`.
public struct TrainingSpec: Sendable {
    public var loss: String
    public var parameters: [String]
    /// The learning rate: a number, or the name of a given.
    public var rate: Rate

    public enum Rate: Sendable {
        case number(Rational)
        case name(String)
    }

    public init(loss: String, parameters: [String], rate: Rate) {
        self.loss = loss
        self.parameters = parameters
        self.rate = rate
    }
}
