import Foundation
import Testing

/// `derivcheck scan` end to end: the worked example of scan.md on the tutorial's own text, the
/// same post without a model, bad input, and `--emit-fixture` judged again by `check`.
struct ScanCommandTests {
    static let post = "Tests/ScanTests/Resources/step-by-step-backpropagation.txt"
    static let posts = "Tests/ScanTests/Resources/posts/"

    static func json(_ output: CLI.Output) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(output.out.utf8))
        return try #require(object as? [String: Any])
    }

    static func rows(_ report: [String: Any]) -> [[String: Any]] { report["claims"] as? [[String: Any]] ?? [] }

    static func scan(_ arguments: [String]) throws -> [[String: Any]] {
        rows(try json(try CLI.run(["scan"] + arguments + ["--json"])))
    }

    static func has(_ rows: [[String: Any]], _ wanted: [String: String]) -> Bool {
        rows.contains { row in wanted.allSatisfy { "\(row[$0.key] ?? "")" == $0.value } }
    }

    /// scan.md's worked example, every count checked against the post read by hand.
    @Test func workedExample() throws {
        let output = try CLI.run(["scan", Self.post, "--fixture", "Fixtures/mazur-2015.deriv", "--json"])
        #expect(output.status == 1)
        let rows = Self.rows(try Self.json(output))
        let display = rows.filter { ($0["line"] as? Int ?? 0) < 300 }
        // Every figure of the display equations: exact, except −0.019049119 (both places it stands).
        for row in display where ["numeric", "substitution"].contains(row["kind"] as? String) {
            let expected = row["printed"] as? String == "-0.019049119" ? "last-digit" : "exact"
            #expect(row["verdict"] as? String == expected, "\(row)")
        }
        #expect(display.filter { $0["printed"] as? String == "-0.019049119" }.count == 2)
        // The w_3 equation of the hidden-layer section, and only it, is not-equal.
        let formulas = display.filter { $0["kind"] as? String == "formula" }
        #expect(formulas.filter { $0["verdict"] as? String == "not-equal" }.map { $0["line"] as? Int } == [261])
        #expect(formulas.allSatisfy { ["equal", "not-equal"].contains($0["verdict"] as? String) })
        // 16 steps of arithmetic: 15 exact, E_o1's consistent.
        let steps = rows.filter { $0["kind"] as? String == "step" }
        #expect(steps.count == 16)
        #expect(steps.filter { $0["verdict"] as? String == "exact" }.count == 15)
        #expect(steps.filter { $0["verdict"] as? String == "consistent" }.map { $0["line"] as? Int } == [113])
        // The reader's dEo2/douth1 = -0.017144288: wrong, closest swapped (w6 used for w7).
        let reader = try #require(rows.first { $0["printed"] as? String == "-0.017144288" })
        #expect(reader["line"] as? Int == 341 && reader["column"] as? Int == 47)
        #expect(reader["quantity"] as? String == "dE_o2/dout_h1" && reader["verdict"] as? String == "wrong")
        let closest = try #require(reader["closest"] as? [String: Any])
        #expect(
            closest["mistake"] as? String == "swapped"
                && (closest["detail"] as? String)?.hasPrefix("w6 used for w7") == true)
    }

    /// What the scan skipped in the tutorial, and why: sums over an index, the node deltas δ (not
    /// names of the model), the readers' `E`, `n` and decimal comma.
    @Test func workedExampleSkips() throws {
        let output = try CLI.run(["scan", Self.post, "--fixture", "Fixtures/mazur-2015.deriv", "--json"])
        let skipped = try #require(try Self.json(output)["skipped"] as? [[String: Any]])
        let found = skipped.map { "\($0["line"] as? Int ?? 0): \($0["reason"] as? String ?? "")" }
        #expect(
            found == [
                "105: a sum over an index (\\sum)", "182: unknown name 'δ_{o1}'", "184: unknown name 'δ_{o1}'",
                "188: unknown name 'δ_{o1}'", "192: unknown name 'δ_{o1}'", "273: a sum over an index (\\sum)",
                "275: a sum over an index (\\sum)", "277: unknown name 'δ_{h1}'", "487: unknown name 'E'",
                "487: a sum over an index (\\sum)", "615: a decimal comma: 0,25 (write a point)",
                "765: unknown name 'n'", "775: unknown name 'n'",
            ])
    }

    /// Without `--fixture`: the steps only, and one line saying the model is missing.
    @Test func withoutModel() throws {
        let output = try CLI.run(["scan", Self.post])
        #expect(output.status == 0)
        #expect(output.out.components(separatedBy: "no model given").count == 2)
        let json = try Self.json(try CLI.run(["scan", Self.post, "--json"]))
        let rows = Self.rows(json)
        #expect(rows.count == 16 && rows.allSatisfy { $0["kind"] as? String == "step" })
        #expect(json["model_missing"] as? Bool == true)
    }

    @Test func badInput() throws {
        let missing = try CLI.run(["scan", "no-such-post.md"])
        #expect(missing.status == 2 && missing.errorLines.count == 1 && !missing.crashed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let latin1 = directory.appendingPathComponent("latin1.md")
        try Data([0x24, 0x78, 0x20, 0x3D, 0x20, 0xE9, 0x24, 0x0A]).write(to: latin1)
        let bad = try CLI.run(["scan", latin1.path])
        #expect(bad.status == 2 && bad.err.split(separator: "\n").count == 1 && bad.err.contains("invalid UTF-8"))
        let notebook = directory.appendingPathComponent("broken.ipynb")
        try Data("{\"cells\": [".utf8).write(to: notebook)
        let broken = try CLI.run(["scan", notebook.path])
        #expect(broken.status == 2 && broken.err.split(separator: "\n").count == 1)
        #expect(broken.err.contains(notebook.path) && broken.err.contains("not a notebook"))
        let usage = try CLI.run(["scan", Self.post, "--format", "yaml"])
        #expect(usage.status == 64)
    }

    /// `--emit-fixture` writes a fixture that `check` judges the same way, claim by claim.
    @Test func emittedFixtureIsJudgedTheSame() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).deriv")
        defer { try? FileManager.default.removeItem(at: out) }
        let scan = try CLI.run([
            "scan", Self.post, "--fixture", "Fixtures/mazur-2015.deriv", "--emit-fixture", out.path, "--json",
        ])
        let scanned = Self.rows(try Self.json(scan)).filter { $0["kind"] as? String != "step" }
        let check = try CLI.run(["check", out.path, "--json"])
        #expect(check.status == scan.status)
        let checked = Self.rows(try Self.json(check))
        #expect(checked.count == scanned.count)
        let key = { (row: [String: Any]) in "\(row["quantity"] ?? "") \(row["verdict"] ?? "")" }
        #expect(Set(checked.map(key)) == Set(scanned.map(key)))
        let verdicts = { (rows: [[String: Any]]) -> [String] in rows.map { $0["verdict"] as? String ?? "" } }
        #expect(verdicts(checked) == verdicts(scanned))
    }

    /// The posts written for these tests, each with its model: Markdown, LaTeX align*, a notebook.
    @Test func otherPosts() throws {
        let relu = try Self.scan([Self.posts + "relu-neuron.md", "--fixture", Self.posts + "relu-neuron.deriv"])
        #expect(Self.has(relu, ["line": "24", "kind": "step", "verdict": "wrong"]))
        #expect(Self.has(relu, ["quantity": "w2+", "verdict": "last-digit"]))
        #expect(!Self.has(relu, ["line": "31"]))
        let tanh = try Self.scan([Self.posts + "tanh-unit.tex", "--fixture", Self.posts + "tanh-unit.deriv"])
        #expect(tanh.count == 26 && !Self.has(tanh, ["line": "5"]))
        #expect(Self.has(tanh, ["quantity": "w1+", "printed": "0.359460682", "verdict": "exact"]))
        let notebook = try Self.scan([Self.posts + "mazur-notebook.ipynb", "--fixture", "Fixtures/mazur-2015.deriv"])
        #expect(Self.has(notebook, ["quantity": "w5+", "verdict": "exact"]))
        #expect(Self.has(notebook, ["printed": "0.08216704056423077", "verdict": "truncated"]))
        #expect(!Self.has(notebook, ["printed": "7"]))
    }

    /// A mixed segment (the givens' values written in, `-2(1 - y_{pred})` after
    /// `-2(y_{true} - y_{pred})`) is judged at the givens only, method at-givens: equal where the
    /// numbers are the givens' (y_true = 1), not-equal where they are not (2).
    @Test func mixedSegmentsAreJudgedAtTheGivens() throws {
        let rows = try Self.scan([Self.posts + "mixed-segment.md", "--fixture", Self.posts + "mixed-segment.deriv"])
        let mixed = rows.filter { ($0["method"] as? String)?.hasPrefix("at-givens") == true }
        #expect(mixed.count == 1)
        #expect(mixed.first?["verdict"] as? String == "equal")
        #expect(Self.has(rows, ["printed": "-2(2 - y_{pred})", "verdict": "not-equal"]))
    }
}
