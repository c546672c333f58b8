import Checker
import Fixture

/// A scanned post, judged: one row per claim and step, each located at the post's line and
/// column, and the math the scan skipped, with why.
public struct ScanReport: Sendable {
    /// One judged claim or step.
    public struct Row: Sendable {
        public var line: Int
        public var column: Int
        /// `numeric`, `formula`, `step` or `substitution`.
        public var kind: String
        public var quantity: String
        /// The number, or the formula's segment, verbatim.
        public var printed: String
        /// The segment or expression as derivcheck read it.
        public var expression: String?
        public var verdict: Verdict
        public var certifiedDigits: String?
        public var double: Double?
        /// The claim's own result, for its explanations, closest mistake and method.
        var claim: ClaimResult?
        var step: StepResult?
    }

    /// Math the scan could not read.
    public struct Skipped: Sendable {
        public var line: Int
        public var column: Int
        public var text: String
        public var reason: String

        public init(line: Int, column: Int, text: String, reason: String) {
            self.line = line
            self.column = column
            self.text = text
            self.reason = reason
        }
    }

    public var file: String
    public private(set) var rows: [Row] = []
    public var skipped: [Skipped]
    /// No model was given: only steps were checked.
    public var modelMissing: Bool

    public init(file: String, skipped: [Skipped], modelMissing: Bool) {
        self.file = file
        self.skipped = skipped
        self.modelMissing = modelMissing
    }

    /// Adds a judged claim; `expression` is its segment as derivcheck read it (formula claims).
    public mutating func add(_ result: ClaimResult, expression: String?) {
        let claim = result.claim
        let kind = claim.reportedKind ?? (claim.literal == nil ? "formula" : "numeric")
        rows.append(
            Row(
                line: claim.line, column: claim.column ?? 1, kind: kind, quantity: claim.quantity.description,
                printed: claim.printed, expression: expression, verdict: result.verdict,
                certifiedDigits: result.certifiedDigits, double: result.double, claim: result))
        sort()
    }

    /// Adds a judged step of arithmetic.
    public mutating func addStep(
        _ result: StepResult, line: Int, column: Int, expression: String, quantity: String?, printed: String
    ) {
        rows.append(
            Row(
                line: line, column: column, kind: "step", quantity: quantity ?? "", printed: printed,
                expression: expression, verdict: result.verdict, certifiedDigits: result.certifiedDigits,
                double: result.double, step: result))
        sort()
    }

    private mutating func sort() {
        rows = rows.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }
        .map(\.element)
    }

    /// How many rows got each verdict, in the verdict table's order.
    public var summary: [(Verdict, Int)] {
        Verdict.allCases.compactMap { verdict in
            let count = rows.filter { $0.verdict == verdict }.count
            return count > 0 ? (verdict, count) : nil
        }
    }

    /// Whether any row is `wrong` or `not-equal`.
    public var hasFindings: Bool { rows.contains { $0.verdict.isFinding } }

    /// The line `derivcheck scan` prints once when no model was given.
    public static let modelMissingLine =
        "no model given (--fixture FILE): only the steps of arithmetic were checked, not the claims about the model"

    /// `post.md: 52 rows: 50 exact, 1 last-digit, 1 wrong; 7 skipped`.
    public var summaryLine: String {
        let counts = summary.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        let body = counts.isEmpty ? "nothing to check" : counts
        return "\(file): \(rows.count) row\(rows.count == 1 ? "" : "s"): \(body); \(skipped.count) skipped"
    }
}

extension ScanReport.Row {
    /// The explanation column: mistakes, closest mistake, or how it was decided.
    public var explanation: String {
        if let claim { return claim.explanationText }
        if let step, let note = step.note { return note }
        if verdict == .consistent { return "within the rounding of its printed operands" }
        return ""
    }

    public var doubleText: String { double.map { "\($0)" } ?? "" }
}
