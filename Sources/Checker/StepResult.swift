/// A step of a post's arithmetic, judged: the verdict and the evidence behind it.
public struct StepResult: Sendable {
    public var verdict: Verdict
    /// Certified significant digits of the expression's exact value.
    public var certifiedDigits: String?
    /// What plain binary64 evaluation of the expression gives.
    public var double: Double?
    /// The verdict the `Double` value alone would have given.
    public var doubleVerdict: Verdict?
    /// The working precision, in bits, that decided the verdict.
    public var precision: Int?
    /// Why the verdict is `undecided`, when it is.
    public var note: String?

    public init(verdict: Verdict, double: Double?) {
        self.verdict = verdict
        self.double = double
    }
}
