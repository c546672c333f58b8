extension ElementaryFunction {
    /// The value at a rational argument where it is rational and known: `relu` and `relu′`
    /// everywhere, and the points where the others take a rational value (exp, tanh, sqrt and
    /// logistic at 0, log at 1); `nil` elsewhere, and where the function is undefined.
    public func exactValue(at x: Rational) -> Rational? {
        switch self {
        case .relu: x.signum > 0 ? x : 0
        case .step: x.signum > 0 ? 1 : 0
        case .exp where x.signum == 0: 1
        case .log where x == 1: 0
        case .tanh where x.signum == 0, .sqrt where x.signum == 0: 0
        case .logistic where x.signum == 0: .half
        default: nil
        }
    }

    /// The reason the function has no value at `x` (log of a number ≤ 0, sqrt of a negative one),
    /// or `nil` where it has one.
    public func domainError(at x: Rational) -> EnclosureError? {
        switch self {
        case .log where x.signum <= 0: .domain(function: "log", requirement: "a positive argument")
        case .sqrt where x.signum < 0: .domain(function: "sqrt", requirement: "a nonnegative argument")
        default: nil
        }
    }
}
