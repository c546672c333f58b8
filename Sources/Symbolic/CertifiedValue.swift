import Exact

/// An exact value pinned down to some significant digits, with what plain `Double` code gives.
public struct CertifiedValue: Sendable {
    /// The correctly rounded digits, or `nil` when even the highest precision could not decide them.
    public var digits: String?
    /// The enclosure that decided them (at the highest precision tried when undecided).
    public var enclosure: Ball
    /// The same expression evaluated in binary64.
    public var double: Double
    /// The precision, in bits, that decided the digits.
    public var precision: Int
}
