import Checker
import Foundation

extension ScanReport {
    /// The report as text in one of the formats; `colour` adds ANSI colours to verdicts (text only).
    public func rendered(as format: ReportFormat, colour: Bool = false) -> String {
        switch format {
        case .json: json.pretty()
        case .text: textTable(colour: colour)
        case .markdown: markdownTable()
        case .latex: latexTable()
        }
    }

    private static let headers = [
        "location", "kind", "quantity", "printed", "exact", "Double", "verdict", "explanation",
    ]

    private func cells(_ row: Row, printedLimit: Int?) -> [String] {
        var printed = row.printed
        if let printedLimit, printed.count > printedLimit { printed = String(printed.prefix(printedLimit - 1)) + "…" }
        var quantity = row.quantity.isEmpty ? (row.expression ?? "") : row.quantity
        if let printedLimit, quantity.count > printedLimit {
            quantity = String(quantity.prefix(printedLimit - 1)) + "…"
        }
        return [
            "\(file):\(row.line):\(row.column)", row.kind, quantity, printed, row.certifiedDigits ?? "", row.doubleText,
            row.verdict.rawValue, row.explanation,
        ]
    }

    private func textTable(colour: Bool) -> String {
        let table = rows.map { cells($0, printedLimit: 40) }
        let lines = AlignedTable(
            headers: Self.headers.map { $0.uppercased() }, rows: table, verdicts: rows.map(\.verdict), verdictColumn: 6,
            colour: colour
        ).lines
        var output: [String] = []
        if modelMissing { output.append("\(file): \(Self.modelMissingLine)") }
        output += lines
        if !skipped.isEmpty {
            output.append("")
            output.append("Skipped (not read, never guessed):")
            for entry in skipped {
                output.append("  \(file):\(entry.line):\(entry.column): \(entry.reason): \(entry.text)")
            }
        }
        output.append("")
        output.append(summaryLine)
        return output.joined(separator: "\n")
    }

    private func markdownTable() -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var output = ["**\(file)**", ""]
        if modelMissing { output += ["_\(Self.modelMissingLine)_", ""] }
        output += ["| " + Self.headers.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: 8)]
        for row in rows.map({ cells($0, printedLimit: nil) }) {
            let shown = row.enumerated().map {
                [2, 3].contains($0.offset) ? "`\(escape($0.element))`" : escape($0.element)
            }
            output.append("| " + shown.joined(separator: " | ") + " |")
        }
        if !skipped.isEmpty {
            output += ["", "Skipped:", ""]
            for entry in skipped { output.append("- line \(entry.line): \(escape(entry.reason)): `\(entry.text)`") }
        }
        output += ["", summaryLine]
        return output.joined(separator: "\n")
    }

    private func latexTable() -> String {
        let escape = LaTeXTable.escaped
        var output = ["% \(summaryLine)"]
        if modelMissing { output.append("% \(Self.modelMissingLine)") }
        output += [
            "\\begin{tabular}{llllllp{6cm}p{6cm}}", "\\hline",
            Self.headers.map { "\\textbf{\(escape($0))}" }.joined(separator: " & ") + " \\\\", "\\hline",
        ]
        for row in rows.map({ cells($0, printedLimit: nil) }) {
            output.append(
                row.enumerated().map {
                    [2, 3].contains($0.offset) ? "\\texttt{\(escape($0.element))}" : escape($0.element)
                }
                .joined(separator: " & ") + " \\\\")
        }
        output += ["\\hline", "\\end{tabular}"]
        for entry in skipped { output.append("% skipped, line \(entry.line): \(entry.reason)") }
        return output.joined(separator: "\n")
    }
}
