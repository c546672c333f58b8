/// How a file report is rendered: the choices the command line passes on (`--wide`,
/// `--only findings`, `--show-notes`, `--color`) and the terminal's width.
public struct ReportOptions: Sendable, Equatable {
    /// ANSI colours on verdicts and on the marked digit (text only).
    public var colour: Bool
    /// Today's full table, one long row per claim, instead of the compact report.
    public var wide: Bool
    /// The columns every line of the compact report fits in.
    public var width: Int
    /// Only the `wrong` and `not-equal` rows.
    public var onlyFindings: Bool
    /// Each claim's note (the source's sentence) under its row.
    public var showNotes: Bool
    /// A line above the compact report, saying where its line numbers point.
    public var heading: String?

    /// The width used when the terminal's is unknown.
    public static let defaultWidth = 100
    /// Narrower than this, no table is readable: the report is laid out for this width.
    public static let minimumWidth = 40

    public init(
        colour: Bool = false, wide: Bool = false, width: Int = defaultWidth, onlyFindings: Bool = false,
        showNotes: Bool = false, heading: String? = nil
    ) {
        self.colour = colour
        self.wide = wide
        self.width = max(width, Self.minimumWidth)
        self.onlyFindings = onlyFindings
        self.showNotes = showNotes
        self.heading = heading
    }
}
