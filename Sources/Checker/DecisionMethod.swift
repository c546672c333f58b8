import Symbolic

/// How a claim's verdict was decided, said in the report where it is not the usual way.
public enum DecisionMethod: Sendable, Equatable {
    /// Certified enclosures of the true value at a working precision: the usual way.
    case enclosure
    /// Exact rational arithmetic, for a value that sits on a rounding boundary.
    case exactRationals
    /// No enclosure up to the precision cap (`bits`) could decide it.
    case undecided(bits: Int)
    /// A formula claim, compared as `Equivalence` says.
    case equivalence(Equivalence.Method)

    /// What the report says, or `nil` for the usual way (which needs no comment).
    public var note: String? {
        switch self {
        case .enclosure: nil
        case .exactRationals: "exact rational arithmetic"
        case .undecided(let bits): "undecided at \(bits) bits: the value lies too close to a rounding boundary"
        case .equivalence(let method): method.description
        }
    }
}
