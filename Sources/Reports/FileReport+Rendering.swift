import Checker
import Foundation

extension ClaimResult {
    /// The mistakes that explain the claim, for a person: `sequential (hidden-layer gradients …)`.
    public var explanationText: String {
        if !explanations.isEmpty {
            return explanations.map { "\($0.name) (\($0.detail))" }.joined(separator: "; ")
        }
        if let closest {
            return
                "no mistake reproduces it; closest: \(closest.mistake.name) (\(closest.mistake.detail)), \(closest.agreeingDigits) digits agree"
        }
        if let floatingFormat { return "what \(floatingFormat.rawValue) arithmetic prints" }
        return method.note ?? ""
    }

    /// The `Double` value as code printing it would show it.
    public var doubleText: String { double.map { "\($0)" } ?? "" }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("line", .number("\(claim.line)")),
            ("quantity", .string(claim.quantity.description)),
            ("kind", .string(claim.literal == nil ? "formula" : "numeric")),
            ("printed", .string(claim.printed)),
            ("verdict", .string(verdict.rawValue)),
        ]
        if let certifiedDigits { members.append(("exact", .string(certifiedDigits))) }
        if let double { members.append(("double", .string("\(double)"))) }
        if let doubleVerdict { members.append(("double_verdict", .string(doubleVerdict.rawValue))) }
        if let floatingFormat { members.append(("floating_format", .string(floatingFormat.rawValue))) }
        members.append(
            (
                "explanations",
                .array(explanations.map { .object([("mistake", .string($0.name)), ("detail", .string($0.detail))]) })
            ))
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

    /// `34 claims: 29 exact, 1 last-digit, 4 wrong`.
    public var summaryLine: String {
        let counts = summary.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        return
            "\(file): \(results.count) claim\(results.count == 1 ? "" : "s"): \(counts.isEmpty ? "nothing to check" : counts)"
    }

    /// The report as text in one of the formats; `colour` adds ANSI colours to verdicts (text only).
    public func rendered(as format: ReportFormat, colour: Bool = false) -> String {
        switch format {
        case .json: json.pretty()
        case .text: textTable(colour: colour)
        case .markdown: markdownTable()
        case .latex: latexTable()
        }
    }

    private static let headers = ["line", "quantity", "printed", "exact", "Double", "verdict", "explanation"]

    private func rows(printedLimit: Int?) -> [[String]] {
        results.map { result in
            var printed = result.claim.printed
            if let printedLimit, printed.count > printedLimit {
                printed = String(printed.prefix(printedLimit - 1)) + "…"
            }
            return [
                "\(result.claim.line)", result.claim.quantity.description, printed, result.certifiedDigits ?? "",
                result.doubleText, result.verdict.rawValue, result.explanationText,
            ]
        }
    }

    private func textTable(colour: Bool) -> String {
        let table = rows(printedLimit: 44)
        let headers = Self.headers.map { $0.uppercased() }
        var widths = headers.map(\.count)
        for row in table {
            for (index, cell) in row.enumerated() where index < widths.count - 1 {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String], verdict: Verdict?) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let padding =
                    index < cells.count - 1 ? String(repeating: " ", count: max(widths[index] - cell.count, 0)) : ""
                text += (index == 5 && colour ? Self.coloured(cell, verdict) : cell) + padding
                if index < cells.count - 1 { text += "  " }
            }
            return text.trimmingTrailingSpaces()
        }
        var output = [line(headers, verdict: nil)]
        for (row, result) in zip(table, results) { output.append(line(row, verdict: result.verdict)) }
        output.append("")
        output.append(summaryLine)
        return output.joined(separator: "\n")
    }

    private static func coloured(_ text: String, _ verdict: Verdict?) -> String {
        guard let verdict else { return text }
        let code = verdict.isFinding ? "31" : verdict.isWarning ? "33" : verdict == .floating ? "36" : "32"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
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

    private func latexTable() -> String {
        func escape(_ text: String) -> String {
            var result = ""
            for character in text {
                switch character {
                case "\\": result += "\\textbackslash{}"
                case "&", "%", "$", "#", "_", "{", "}": result += "\\\(character)"
                case "^": result += "\\^{}"
                case "~": result += "\\~{}"
                default: result.append(character)
                }
            }
            return result
        }
        var output = [
            "% \(summaryLine)", "\\begin{tabular}{rlllllp{6cm}}", "\\hline",
            Self.headers.map { "\\textbf{\(escape($0))}" }.joined(separator: " & ") + " \\\\", "\\hline",
        ]
        for row in rows(printedLimit: nil) {
            output.append(
                row.enumerated().map {
                    $0.offset == 1 || $0.offset == 2 ? "\\texttt{\(escape($0.element))}" : escape($0.element)
                }.joined(separator: " & ") + " \\\\")
        }
        output += ["\\hline", "\\end{tabular}"]
        return output.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
