import Checker
import Foundation

extension ClaimResult {
    /// The `Double` value as code printing it would show it.
    public var doubleText: String { double.map { "\($0)" } ?? "" }

    /// `{"mistake", "detail"}`, and for `carried` the lines it was computed from.
    private func explanationJSON(_ mistake: Mistake) -> JSONValue {
        var members: [(String, JSONValue)] = [("mistake", .string(mistake.name)), ("detail", .string(mistake.detail))]
        if mistake == .carried { members.append(("lines", .array(carriedFrom.map { .number("\($0)") }))) }
        return .object(members)
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("line", .number("\(claim.line)")),
            ("quantity", .string(claim.quantity.description)),
            ("kind", .string(claim.literal == nil ? "formula" : "numeric")),
            ("printed", .string(claim.printed)),
            ("verdict", .string(verdict.rawValue)),
        ]
        if let group = claim.group { members.append(("group", .string(group))) }
        if let certifiedDigits { members.append(("exact", .string(certifiedDigits))) }
        if let double { members.append(("double", .string("\(double)"))) }
        if let doubleVerdict { members.append(("double_verdict", .string(doubleVerdict.rawValue))) }
        if let floatingFormat { members.append(("floating_format", .string(floatingFormat.rawValue))) }
        members.append(("explanations", .array(explanations.map(explanationJSON))))
        if verdict == .carried || explanations.contains(.carried), !carriedFrom.isEmpty {
            members.append(("carried_from", .array(carriedFrom.map { .number("\($0)") })))
        }
        if claim.literal == nil, double != nil { members.append(("double_of", .string("left - right"))) }
        if let closest {
            members.append(
                (
                    "closest",
                    .object([
                        ("mistake", .string(closest.mistake.name)), ("detail", .string(closest.mistake.detail)),
                        ("agreeing_digits", .number("\(closest.agreeingDigits)")),
                    ])
                ))
        }
        if let note = method.note { members.append(("method", .string(note))) }
        if let precision { members.append(("precision_bits", .number("\(precision)"))) }
        if let note = claim.note, !note.isEmpty { members.append(("note", .string(note))) }
        return .object(members)
    }
}

extension FileReport {
    /// The JSON report of the fixture format's contract.
    public var json: JSONValue {
        .object([
            ("file", .string(file)),
            ("claims", .array(results.map(\.json))),
            ("summary", .object(summary.map { ($0.0.rawValue, .number("\($0.1)")) })),
        ])
    }

    /// `FILE: 34 claims: 29 exact, 1 last-digit, 4 wrong`.
    public var summaryLine: String { "\(file): \(countsLine)" }

    /// `34 claims: 29 exact, 1 last-digit, 4 wrong`.
    public var countsLine: String {
        let counts = summary.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        return "\(results.count) claim\(results.count == 1 ? "" : "s"): \(counts.isEmpty ? "nothing to check" : counts)"
    }

    /// The report as text in one of the formats; `colour` adds ANSI colours to verdicts (text only).
    /// Text is the wide table here; `rendered(as:options:)` chooses.
    public func rendered(as format: ReportFormat, colour: Bool = false) -> String {
        rendered(as: format, options: ReportOptions(colour: colour, wide: true))
    }

    /// The report as the options say: the compact or the wide text, Markdown, LaTeX or JSON, with
    /// only the findings when asked (the summary still counts every claim).
    public func rendered(as format: ReportFormat, options: ReportOptions) -> String {
        var shown = self
        if options.onlyFindings, format != .text { shown.results = results.filter { $0.verdict.isFinding } }
        switch format {
        case .json: return shown.json.pretty()
        case .text:
            return options.wide
                ? textTable(colour: options.colour, notes: options.showNotes, onlyFindings: options.onlyFindings)
                : CompactReport(report: self, options: options).rendered
        case .markdown: return shown.markdownTable()
        case .latex: return LaTeXTable(report: shown).rendered
        }
    }

    static let headers = ["line", "quantity", "printed", "exact", "Double", "verdict", "explanation"]

    func rows(printedLimit: Int?) -> [[String]] {
        results.map { result in
            var printed = result.claim.printed
            if let printedLimit, printed.count > printedLimit {
                printed = String(printed.prefix(printedLimit - 1)) + "…"
            }
            return [
                "\(result.claim.line)", result.quantityText, printed, result.certifiedDigits ?? "",
                result.doubleText, result.verdict.rawValue, result.explanationText,
            ]
        }
    }

    private func textTable(colour: Bool, notes: Bool, onlyFindings: Bool) -> String {
        let shown = onlyFindings ? results.filter { $0.verdict.isFinding } : results
        let table = FileReport(file: file, results: shown).rows(printedLimit: 44)
        let lines = AlignedTable(
            headers: Self.headers.map { $0.uppercased() }, rows: table, verdicts: shown.map(\.verdict),
            verdictColumn: 5,
            colour: colour
        ).lines
        var output = [lines[0]]
        for (line, result) in zip(lines.dropFirst(), shown) {
            output.append(line)
            if notes, let note = result.claim.note, !note.isEmpty { output.append("      # \(note)") }
        }
        output.append("")
        output.append(summaryLine)
        return output.joined(separator: "\n")
    }

    private func markdownTable() -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var output = [
            "**\(file)**", "", "| " + Self.headers.joined(separator: " | ") + " |",
            "|" + String(repeating: " --- |", count: Self.headers.count),
        ]
        for row in rows(printedLimit: nil) {
            output.append(
                "| "
                    + row.enumerated().map {
                        $0.offset == 1 || $0.offset == 2 ? "`\(escape($0.element))`" : escape($0.element)
                    }.joined(separator: " | ") + " |")
        }
        output.append("")
        output.append(summaryLine)
        return output.joined(separator: "\n")
    }
}

extension String {
    /// Exactly `length` characters: cut there, or filled out with spaces (Foundation's
    /// `padding(toLength:withPad:startingAt:)` counts UTF-16 units and bridges to `NSString`).
    func padded(toLength length: Int) -> String {
        let size = count
        return size >= length ? String(prefix(length)) : self + String(repeating: " ", count: length - size)
    }

    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
