import Checker

/// A file report as a LaTeX `longtable` (it breaks across pages; the tutorial's report is 60
/// rows) that pdflatex compiles: every character outside ASCII is written as a LaTeX command
/// (`η` as `$\eta$`), never passed through raw.
struct LaTeXTable {
    let report: FileReport

    /// The preamble lines a document needs for the table.
    static let packages = "\\usepackage{longtable}"

    var rendered: String {
        let headers = FileReport.headers.map { "\\textbf{\(Self.escaped($0))}" }.joined(separator: " & ") + " \\\\"
        var output = [
            "% \(report.summaryLine)",
            "% needs \(Self.packages) in the preamble",
            "\\begin{longtable}{rlllllp{6cm}}",
            "\\hline", headers, "\\hline", "\\endfirsthead",
            "\\hline", headers, "\\hline", "\\endhead",
            "\\hline", "\\endfoot",
        ]
        for row in report.rows(printedLimit: nil) {
            output.append(
                row.enumerated().map {
                    $0.offset == 1 || $0.offset == 2
                        ? "\\texttt{\(Self.escaped($0.element))}" : Self.escaped($0.element)
                }.joined(separator: " & ") + " \\\\")
        }
        output += ["\\end{longtable}"]
        return output.joined(separator: "\n")
    }

    /// Symbols that appear in names, formulas and explanations, as LaTeX.
    static let symbols: [Character: String] = [
        "η": "$\\eta$", "σ": "$\\sigma$", "θ": "$\\theta$", "δ": "$\\delta$", "α": "$\\alpha$", "β": "$\\beta$",
        "γ": "$\\gamma$", "λ": "$\\lambda$", "μ": "$\\mu$", "ε": "$\\varepsilon$", "∂": "$\\partial$",
        "−": "$-$", "·": "$\\cdot$", "×": "$\\times$", "½": "$\\frac{1}{2}$", "…": "\\ldots{}", "⁺": "$^{+}$",
        "≥": "$\\geq$", "≤": "$\\leq$", "→": "$\\rightarrow$", "±": "$\\pm$", "—": "---", "–": "--",
        "‘": "`", "’": "'", "“": "``", "”": "''",
    ]

    /// `text` with LaTeX's special characters escaped and every other non-ASCII character
    /// written as a command (`[U+2203]` for one with none).
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": result += "\\\(character)"
            case "^": result += "\\^{}"
            case "~": result += "\\~{}"
            case _ where character.isASCII: result.append(character)
            default:
                if let symbol = symbols[character] {
                    result += symbol
                } else {
                    let code = character.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }
                    result += "[U+" + code.joined(separator: " U+") + "]"
                }
            }
        }
        return result
    }
}
