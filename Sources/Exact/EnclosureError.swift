/// Why a certified operation could not produce an enclosure.
public enum EnclosureError: PrecisionSensitiveError, Equatable, Sendable, CustomStringConvertible {
    /// The divisor's enclosure contains zero.
    case divisionByZero
    /// A function's argument may lie outside its domain (`log` of a value that may be ≤ 0).
    case domain(function: String, requirement: String)
    /// The result left MPFR's exponent range.
    case overflow
    /// The enclosure grew wider than any representable number: the computation lost every
    /// digit at this precision (a higher precision may keep some).
    case tooWide
    /// A discontinuous function was asked at a point its enclosure cannot tell apart from the jump.
    case undecidable(String)
    /// The double-double tier (`DoubleDoubleBall`) keeps magnitudes between 2^−900 and 2^900 and
    /// computes `exp`, `logistic`, `tanh` and `relu` only: the value is left to MPFR's balls.
    case outsideDoubleDouble

    /// Whether a higher working precision may succeed where this one failed: everything but
    /// leaving MPFR's exponent range (a narrower enclosure can settle a sign, a domain or a jump).
    public var mayYieldToPrecision: Bool { self != .overflow }

    public var description: String {
        switch self {
        case .divisionByZero: "division by zero"
        case .domain(let function, let requirement): "\(function) needs \(requirement)"
        case .overflow: "overflow: the value is too large to represent"
        case .tooWide: "the enclosure grew too wide: every digit was lost at this precision"
        case .undecidable(let what): what
        case .outsideDoubleDouble: "beyond the double-double tier's range"
        }
    }
}
