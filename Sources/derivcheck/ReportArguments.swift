import Reports

/// The options `verify` and `check` share, read from the command line: the report's format and
/// how the text report is laid out.
struct ReportArguments {
    var format: ReportFormat
    var digits: Int
    var options: ReportOptions

    static let options: [CommandSpec.Option] = [
        .init(
            long: "json", short: nil, value: nil,
            help: "Print the JSON report of the fixture format (same as --format json)."),
        .init(long: "format", short: nil, value: "format", help: "text, markdown, latex or json (default: text)."),
        .init(long: "digits", short: nil, value: "n", help: "Significant digits of the exact column (default: 20)."),
        .init(long: "wide", short: nil, value: nil, help: "The full table: every column, one long row per claim."),
        .init(long: "only", short: nil, value: "rows", help: "'findings': only the wrong and not-equal rows."),
        .init(long: "show-notes", short: nil, value: nil, help: "Quote each claim's note (its source) under its row."),
        .init(long: "color", short: nil, value: "when", help: "auto, always or never (default: auto: on a terminal)."),
    ]

    init(_ parsed: ParsedArguments) throws(UsageError) {
        digits = try CommandSupport.digits(parsed, default: 20)
        if parsed.has("json") {
            format = .json
        } else if let name = parsed.values["format"] {
            guard let chosen = ReportFormat(rawValue: name) else {
                throw parsed.usageError("unknown format '\(name)'; expected text, markdown, latex or json")
            }
            format = chosen
        } else {
            format = .text
        }
        if let only = parsed.values["only"], only != "findings" {
            throw parsed.usageError("unknown rows '\(only)'; expected findings")
        }
        let colour = try Self.colourMode(parsed)
        options = ReportOptions(
            colour: Terminal.usesColour(colour), wide: parsed.has("wide"), width: Terminal.width,
            onlyFindings: parsed.values["only"] == "findings", showNotes: parsed.has("show-notes"))
    }

    /// `--color auto|always|never`.
    static func colourMode(_ parsed: ParsedArguments) throws(UsageError) -> Terminal.ColourMode {
        guard let text = parsed.values["color"] else { return .auto }
        guard let mode = Terminal.ColourMode(rawValue: text) else {
            throw parsed.usageError("unknown colour mode '\(text)'; expected auto, always or never")
        }
        return mode
    }
}
