import Foundation

/// The functions a model may apply, each with a certified enclosure in `BallArithmetic`.
public enum ElementaryFunction: String, Sendable, Hashable, CaseIterable {
    case exp, log, tanh, logistic, relu, softplus, sqrt
    /// The derivative of `relu`: 1 for a positive argument, 0 otherwise (relu′(0) = 0).
    case step

    /// The name the tool prints.
    public var name: String {
        switch self {
        case .step: "relu′"
        default: rawValue
        }
    }

    /// The plain binary64 value, for the `Double` column beside certified results. Always inlined:
    /// where the function is known (lane loops), the switch folds away.
    @inlinable @inline(__always)
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .exp: Foundation.exp(x)
        case .log: Foundation.log(x)
        case .tanh: Foundation.tanh(x)
        case .logistic: 1 / (1 + Foundation.exp(-x))
        case .relu: Swift.max(x, 0)
        case .softplus: Foundation.log1p(Foundation.exp(x))
        case .sqrt: x.squareRoot()
        case .step: x > 0 ? 1 : 0
        }
    }
}
