import Foundation
import Testing

@testable import Scan

/// Input meant to break the reader: it must finish (in time linear in its size), never crash and
/// never recurse deeply. These tests check that it finishes; bench/run-scan-bench measures speed.
struct HostileInputTests {
    /// 10 MB of prose and math, with claims and steps sprinkled through it.
    @Test func tenMegabytes() throws {
        let prose = String(
            repeating: "Backpropagation takes the error back through the weights, one layer at a time. ", count: 12)
        let paragraph =
            prose + "We get $$x = 0.15 * 0.05 + 0.2 * 0.1 = 0.0275$$ and so w1 = 0.15 in prose. $a$ b $c\n\n"
        let text = String(repeating: paragraph, count: 10_000_000 / paragraph.utf8.count + 1)
        let outcome = try DocumentScanner.scan(text: text, file: "big.md", model: nil)
        #expect(outcome.steps.count == 10_000_000 / paragraph.utf8.count + 1)
    }

    /// 10,000 nested braces (and parentheses) inside and outside math.
    @Test func tenThousandNestedBraces() throws {
        let braces = String(repeating: "{", count: 10_000) + "x" + String(repeating: "}", count: 10_000)
        let parentheses = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let text = "$$a = \(braces) = \(parentheses) = 1$$\n\(braces)\n$$\\frac\(braces)\(braces) = 2$$"
        let outcome = try DocumentScanner.scan(text: text, file: "deep.md", model: ScanSupport.tutorial)
        #expect(outcome.skipped.contains { $0.reason.contains("nested") })
        let unbalanced = "$$x = " + String(repeating: "{", count: 10_000) + " = 1$$"
        _ = try DocumentScanner.scan(text: unbalanced, file: "open.md", model: ScanSupport.tutorial)
    }

    /// Openers without closers, many of them: text, not math, and no quadratic rescanning.
    @Test func unclosedMathSpans() throws {
        for opener in ["$", "$$", "\\(", "\\[", "\\begin{align*}", "```math\n", "$x"] {
            let text = String(repeating: opener + " 1 = 2 ", count: 20_000)
            let outcome = try DocumentScanner.scan(text: text, file: "open.md", model: nil)
            #expect(outcome.steps.isEmpty || opener == "$$")
        }
        let notebook = "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"$$x = 1 + 1 = 2\"]}]}"
        let outcome = try DocumentScanner.scan(text: notebook, file: "n.ipynb", model: nil)
        #expect(outcome.steps.isEmpty)
    }

    @Test func deeplyNestedNotebookIsAnError() {
        let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: ScanError.self) { try DocumentScanner.scan(text: json, file: "deep.ipynb", model: nil) }
    }

    /// A notebook's findings point at the `.ipynb` file's own lines and columns.
    @Test func notebookPositions() throws {
        let notebook = """
            {"cells": [
              {"cell_type": "markdown", "source": ["# Title\\n", "$$a = 0.5 * 0.5 = 0.25$$"]}
            ]}
            """
        let outcome = try DocumentScanner.scan(text: notebook, file: "n.ipynb", model: nil)
        let step = try #require(outcome.steps.first)
        #expect(step.line == 2)
        #expect(step.column == 72)
    }
}
