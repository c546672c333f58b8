import Checker

/// The default text report, in the style of pytest and ruff: one line per claim,
/// `LINE  QUANTITY  PRINTED  VERDICT  EXACT`, fitted to the terminal's width (long cells cut with
/// `…`, never wrapped), the first digit where the exact value departs from the printed number
/// marked `[7]`, what to do on an indented line under the rows that need it, and at the end the
/// findings again, one line each, then the counts.
struct CompactReport {
    let report: FileReport
    let options: ReportOptions

    static let headers = ["LINE", "QUANTITY", "PRINTED", "VERDICT", "EXACT"]
    static let indent = "      "
    /// No column is squeezed below this many characters (or its natural width, when smaller).
    static let minimumColumn = 10

    /// One row's cells, and where its exact value's marked digit sits (an offset into `cells[4]`).
    private struct Row {
        var result: ClaimResult
        var cells: [String]
        var mark: Int?
    }

    var rendered: String {
        var lines: [String] = []
        if let heading = options.heading { lines.append(Self.clipped(heading, to: options.width)) }
        let shown = options.onlyFindings ? report.results.filter { $0.verdict.isFinding } : report.results
        let rows = shown.map(Self.row(for:))
        let widths = columnWidths(rows.map(\.cells))
        lines.append(line(Self.headers, widths: widths, verdict: nil, mark: nil))
        for row in rows {
            lines.append(line(row.cells, widths: widths, verdict: row.result.verdict, mark: row.mark))
            lines += comments(on: row.result)
        }
        if !options.onlyFindings { lines += recap() }
        lines.append("")
        lines += summary()
        return lines.joined(separator: "\n")
    }

    /// The advice and (with `--show-notes`) the note under a row.
    private func comments(on result: ClaimResult) -> [String] {
        var lines: [String] = []
        if let advice = result.advice { lines.append(Self.clipped(Self.indent + advice, to: options.width)) }
        if options.showNotes, let note = result.claim.note, !note.isEmpty {
            lines += Self.wrapped(note, first: Self.indent + "# ", rest: Self.indent + "  ", width: options.width)
        }
        return lines
    }

    private static func row(for result: ClaimResult) -> Row {
        let printed = result.claim.printed
        var exact = result.certifiedDigits ?? ""
        var mark: Int?
        if result.verdict != .exact, let offset = DigitMark.firstDifference(printed: printed, exact: exact) {
            let characters = Array(exact)
            exact = String(characters[..<offset]) + "[\(characters[offset])]" + String(characters[(offset + 1)...])
            mark = offset
        }
        let cells = [
            "\(result.claim.line)", result.quantityText, printed, result.verdict.rawValue, exact,
        ]
        return Row(result: result, cells: cells, mark: mark)
    }

    /// Natural widths, then the widest of QUANTITY, PRINTED and EXACT narrowed one character at a
    /// time until the row fits the width (two spaces between columns).
    private func columnWidths(_ rows: [[String]]) -> [Int] {
        var widths = Self.headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let floors = widths.map { min($0, Self.minimumColumn) }
        let squeezable = [1, 2, 4]
        while widths.reduce(0, +) + 2 * (widths.count - 1) > options.width {
            let candidates = squeezable.filter { widths[$0] > floors[$0] }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return widths
    }

    private func line(_ cells: [String], widths: [Int], verdict: Verdict?, mark: Int?) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            var text = Self.clipped(cell, to: widths[index])
            let padding = String(repeating: " ", count: max(widths[index] - text.count, 0))
            if options.colour, index == 3, let verdict { text = VerdictColour.coloured(text, verdict) }
            if options.colour, index == 4, let mark { text = Self.colouringMark(in: text, at: mark) }
            parts.append(index == cells.count - 1 ? text : text + padding)
        }
        return Self.clipped(parts.joined(separator: "  ").trimmingTrailingSpaces(), to: options.width, visible: true)
    }

    /// The marked digit `[d]` in red, when the cut left it whole.
    private static func colouringMark(in text: String, at offset: Int) -> String {
        let characters = Array(text)
        guard offset + 2 < characters.count, characters[offset] == "[", characters[offset + 2] == "]" else {
            return text
        }
        return String(characters[..<offset]) + "\u{1B}[1;31m" + String(characters[offset...(offset + 2)])
            + "\u{1B}[0m" + String(characters[(offset + 3)...])
    }

    /// The findings again, one line each with what explains them.
    private func recap() -> [String] {
        let findings = report.results.filter { $0.verdict.isFinding }
        guard !findings.isEmpty else { return [] }
        let lineWidth = findings.map { "\($0.claim.line)".count }.max() ?? 0
        let claims = findings.map { result in
            Self.clipped(
                "\(result.claim.quantity) \(result.claim.literal == nil ? "==" : "=") \(result.claim.printed)", to: 36)
        }
        let claimWidth = claims.map(\.count).max() ?? 0
        var lines = ["", "\(findings.count) finding\(findings.count == 1 ? "" : "s"):"]
        for (result, claim) in zip(findings, claims) {
            let number =
                String(repeating: " ", count: lineWidth - "\(result.claim.line)".count) + "\(result.claim.line)"
            let verdict = result.verdict.rawValue.padded(toLength: 9)
            let plain =
                "  \(number)  \(claim.padded(toLength: claimWidth))  \(verdict)  "
                + (result.advice ?? "")
            var text = Self.clipped(plain.trimmingTrailingSpaces(), to: options.width)
            if options.colour, let range = text.range(of: "  \(result.verdict.rawValue)") {
                text.replaceSubrange(
                    range, with: "  " + VerdictColour.coloured(result.verdict.rawValue, result.verdict))
            }
            lines.append(text)
        }
        return lines
    }

    /// `FILE: N claims: …` on one line, or the file and the counts on two when one is too long.
    private func summary() -> [String] {
        let whole = report.summaryLine
        if whole.count <= options.width { return [whole] }
        return [Self.clipped(report.file, to: options.width), Self.clipped(report.countsLine, to: options.width)]
    }

    /// `text` cut to `width` characters with `…`; `visible` counts only what a terminal shows
    /// (ANSI colour codes take no columns).
    static func clipped(_ text: String, to width: Int, visible: Bool = false) -> String {
        let shown = visible ? VerdictColour.stripped(text) : text
        guard shown.count > width else { return text }
        guard !visible || shown == text else { return VerdictColour.stripped(text).prefix(width - 1) + "…" }
        return String(text.prefix(max(width - 1, 0))) + "…"
    }

    /// Prose broken at spaces into lines of at most `width` characters (a word longer than a line is cut).
    static func wrapped(_ text: String, first: String, rest: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = first
        for word in text.split(separator: " ") {
            let prefix = lines.isEmpty ? first : rest
            if current.count > prefix.count, current.count + 1 + word.count > width {
                lines.append(current)
                current = rest
            }
            current += (current.count > (lines.isEmpty ? first : rest).count ? " " : "") + word
        }
        lines.append(current)
        return lines.map { clipped($0, to: width) }
    }
}
