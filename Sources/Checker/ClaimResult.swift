import Fixture

/// A claim's verdict with the evidence behind it.
public struct ClaimResult: Sendable {
    public var claim: Claim
    public var verdict: Verdict
    /// Certified significant digits of the true value (numeric claims), or the enclosure when
    /// the verdict is undecided.
    public var certifiedDigits: String?
    /// What plain binary64 evaluation gives.
    public var double: Double?
    /// The verdict the `Double` value alone would have given.
    public var doubleVerdict: Verdict?
    /// For a `floating` verdict: which format's printing the number is.
    public var floatingFormat: FloatingFormat? = nil
    /// The mistakes that reproduce the printed number at its printed precision.
    public var explanations: [Mistake]
    /// When nothing reproduces it: the nearest mistake and how many significant digits agree.
    public var closest: (mistake: Mistake, agreeingDigits: Int)?
    /// How the verdict was decided.
    public var method: DecisionMethod
    /// The working precision, in bits, that decided the verdict; `nil` when no enclosure did
    /// (exact rationals, a canonical form).
    public var precision: Int?
    /// The lines of the fixture's claimed numbers its carried value was computed from (numeric
    /// claims; empty when none fed it), so a `carried` explanation can name them.
    public var carriedFrom: [Int] = []
}
