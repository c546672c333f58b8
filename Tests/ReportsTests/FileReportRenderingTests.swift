import Checker
import Fixture
import Foundation
import Reports
import Testing

/// A report as a text table, Markdown, LaTeX and the JSON of the format.
@Suite struct FileReportRenderingTests {
    static let text = """
        [model]
        x := 1/3
        y := x*3
        p := 2
        [claims]
        x = 0.333          # right
        x = 0.334          # one unit off
        x = 0.5            # wrong | with a bar
        y == x + x + x
        p == 3
        """
    static let report = try! FixtureChecker().check(FixtureReader.read(text: text, file: "r_1.deriv"))

    @Test func summaryAndStatus() {
        #expect(Self.report.results.map(\.verdict) == [.exact, .lastDigit, .wrong, .equal, .notEqual])
        #expect(Self.report.summaryLine == "r_1.deriv: 5 claims: 1 exact, 1 last-digit, 1 wrong, 1 equal, 1 not-equal")
        #expect(Self.report.hasFindings)
        #expect(Self.report.summary.map(\.1) == [1, 1, 1, 1, 1])
    }

    @Test func textTable() {
        let table = Self.report.rendered(as: .text)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("LINE  QUANTITY  PRINTED"))
        for header in ["EXACT", "DOUBLE", "VERDICT", "EXPLANATION"] { #expect(lines[0].contains(header)) }
        #expect(lines[1].hasPrefix("6     x         0.333"))
        #expect(lines[1].contains("0.33333333333333333333"))
        #expect(lines.last == "r_1.deriv: 5 claims: 1 exact, 1 last-digit, 1 wrong, 1 equal, 1 not-equal")
        #expect(!table.contains("\u{1B}["))
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") }, "no trailing spaces")
        // The verdict column lines up.
        let column = lines[0].range(of: "VERDICT").map {
            lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound)
        }
        #expect(column != nil)
        if let column { #expect(lines[1].dropFirst(column).hasPrefix("exact")) }
    }

    @Test func colours() {
        let table = Self.report.rendered(as: .text, colour: true)
        #expect(table.contains("\u{1B}[32mexact"))
        #expect(table.contains("\u{1B}[33mlast-digit"))
        #expect(table.contains("\u{1B}[31mwrong"))
        #expect(table.contains("\u{1B}[31mnot-equal"))
        #expect(table.contains("\u{1B}[0m"))
        #expect(
            Self.report.rendered(as: .markdown, colour: true).contains("\u{1B}") == false, "colour is for text only")
    }

    @Test func markdown() {
        let markdown = Self.report.rendered(as: .markdown)
        #expect(
            markdown.hasPrefix(
                "**r_1.deriv**\n\n| line | quantity | printed | exact | Double | verdict | explanation |\n| --- | --- |"
            ))
        #expect(markdown.contains("| 6 | `x` | `0.333` | 0.33333333333333333333 |"))
        #expect(markdown.contains("| 9 | `y` | `x + x + x` |"))
        #expect(markdown.hasSuffix("r_1.deriv: 5 claims: 1 exact, 1 last-digit, 1 wrong, 1 equal, 1 not-equal"))
    }

    @Test func latex() {
        let latex = Self.report.rendered(as: .latex)
        #expect(latex.hasPrefix("% r_1.deriv: 5 claims"))
        #expect(latex.contains("\\begin{longtable}{rlllllp{6cm}}"))
        #expect(latex.contains("\\textbf{line} & \\textbf{quantity}"))
        #expect(latex.contains("6 & \\texttt{x} & \\texttt{0.333} & 0.33333333333333333333"))
        #expect(latex.hasSuffix("\\end{longtable}"))
        #expect(latex.unicodeScalars.allSatisfy { $0.isASCII }, "pdflatex reads ASCII; everything else is a command")
        #expect(!latex.contains("r_1.deriv:") || latex.contains("% r_1.deriv:"), "the file name only in the comment")
    }

    @Test func jsonReport() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.report.rendered(as: .json).utf8)) as? [String: Any])
        #expect(object["file"] as? String == "r_1.deriv")
        let claims = try #require(object["claims"] as? [[String: Any]])
        #expect(claims.map { $0["verdict"] as? String } == ["exact", "last-digit", "wrong", "equal", "not-equal"])
        #expect(claims.map { $0["kind"] as? String } == ["numeric", "numeric", "numeric", "formula", "formula"])
        #expect(claims[0]["printed"] as? String == "0.333")
        #expect(claims[0]["double"] as? String == "\(1.0 / 3.0)")
        #expect(claims[0]["double_verdict"] as? String == "exact")
        #expect(claims[0]["note"] as? String == "right")
        #expect(claims[3]["exact"] == nil && claims[3]["method"] is String)
        #expect(claims[2]["explanations"] as? [Any] != nil)
        let keys = Self.report.json.pretty().split(separator: "\n").filter { $0.hasPrefix("    {") == false }
        #expect(!keys.isEmpty)
        #expect(
            object["summary"] as? [String: Int] == [
                "exact": 1, "last-digit": 1, "wrong": 1, "equal": 1, "not-equal": 1,
            ])
        // Fields in the order of the format.
        let text = Self.report.json.serialized()
        let order = [
            "\"line\"", "\"quantity\"", "\"kind\"", "\"printed\"", "\"verdict\"", "\"exact\"", "\"double\"",
            "\"double_verdict\"", "\"explanations\"",
        ]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    @Test func longPrintedFormulasAreShortenedInTheTableOnly() throws {
        let long = String(repeating: "x + ", count: 30) + "x"
        let report = try FixtureChecker().check(
            FixtureReader.read(text: "[model]\nx = 1\ny := 31*x\n[claims]\ny == \(long)\n", file: "l"))
        #expect(report.rendered(as: .text).contains("…"))
        #expect(report.rendered(as: .markdown).contains(long))
        #expect(report.results.first?.claim.printed == long)
    }
}
