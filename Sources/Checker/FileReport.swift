/// Every claim of one fixture, judged.
public struct FileReport: Sendable {
    public var file: String
    public var results: [ClaimResult]

    public init(file: String, results: [ClaimResult]) {
        self.file = file
        self.results = results
    }

    /// How many claims got each verdict, in the table's order.
    public var summary: [(Verdict, Int)] {
        Verdict.allCases.compactMap { verdict in
            let count = results.filter { $0.verdict == verdict }.count
            return count > 0 ? (verdict, count) : nil
        }
    }

    /// Whether any claim is `wrong` or `not-equal`: what a CI should fail on.
    public var hasFindings: Bool { results.contains { $0.verdict.isFinding } }
}
