/// How a value between two representable decimals is rounded.
public enum RoundingRule: String, Sendable, CaseIterable {
    /// To the nearest; a tie goes to the even neighbour.
    case halfEven
    /// To the nearest; a tie goes away from zero (school rounding).
    case halfUp
    /// Cut toward zero (truncation).
    case towardZero
}
