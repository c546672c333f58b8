/// What a claim gets: the format's verdicts, plus `undecided` when even the highest precision
/// tried cannot settle it (said honestly rather than guessed), and a scanned step's `consistent`
/// (within what its operands' own rounding allows: a note, not a warning).
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
    case exact, consistent, truncated
    case lastDigit = "last-digit"
    case carried, floating, wrong, equal
    case notEqual = "not-equal"
    case undecided

    /// Whether the verdict makes `check` exit with status 1.
    public var isFinding: Bool { self == .wrong || self == .notEqual }

    /// Reported as a warning: not wrong, but not what the digits claim either.
    public var isWarning: Bool { self == .truncated || self == .lastDigit || self == .carried || self == .undecided }
}
