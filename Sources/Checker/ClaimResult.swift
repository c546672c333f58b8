/// A claim's verdict with the evidence behind it.
public struct ClaimResult: Sendable {
    public var claim: Claim
    public var verdict: Verdict
    /// Certified significant digits of the true value (numeric claims).
    public var exact: String?
    /// What plain binary64 evaluation gives.
    public var double: Double?
    /// The verdict the `Double` value alone would have given.
    public var doubleVerdict: Verdict?
    /// The mistakes that reproduce the printed number at its printed precision.
    public var explanations: [Mistake]
    /// When nothing reproduces it: the nearest mistake and how many significant digits agree.
    public var closest: (mistake: Mistake, agreeingDigits: Int)?
    /// For formula claims: how the verdict was decided.
    public var method: String?
    /// The working precision, in bits, that decided the verdict.
    public var precision: Int
}

/// Every claim of one fixture, judged.
public struct FileReport: Sendable {
    public var file: String
    public var results: [ClaimResult]

    /// How many claims got each verdict, in the table's order.
    public var summary: [(Verdict, Int)] {
        Verdict.allCases.compactMap { verdict in
            let count = results.filter { $0.verdict == verdict }.count
            return count > 0 ? (verdict, count) : nil
        }
    }

    /// 1 when any claim is `wrong` or `not-equal`, else 0.
    public var exitStatus: Int32 { results.contains { $0.verdict.isFinding } ? 1 : 0 }
}
