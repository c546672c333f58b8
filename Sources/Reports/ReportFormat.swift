/// The forms a report can take: a table for the terminal, or text to paste elsewhere.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// An aligned table with a summary line.
    case text
    /// A Markdown table, for a post or a pull request.
    case markdown
    /// A LaTeX `tabular`, for a paper or lecture notes.
    case latex
    /// One JSON object per file, per the fixture format's contract.
    case json
}
