import Foundation
import Testing

/// What issue #13 asked of `verify` and `check`: reports that fit the terminal, a recap of the
/// findings, closest mistakes only where they help, explanations that say what to do, colour and
/// digits as asked, and JSON for every file named.
@Suite struct ReportCommandTests {
    /// The tutorial's findings (README): E_total@1, E_total@10000, out_o1@10000, out_o2@10000, and
    /// the hidden-layer net_h1 formula with w3.
    static let findings = [63, 64, 65, 66, 90]

    /// `verify` is run once per layout and shared: each run checks the whole tutorial.
    static let verify100 = try? CLI.run(["verify"], environment: ["COLUMNS": "100"])
    static let notes = [80, 100].map { try? CLI.run(["verify", "--show-notes"], environment: ["COLUMNS": "\($0)"]) }
    static let findingsOnly = try? CLI.run(["verify", "--only", "findings"], environment: ["COLUMNS": "80"])

    @Test(arguments: [0, 1])
    func everyLineOfVerifyFits(index: Int) throws {
        let columns = [80, 100][index]
        let result = try #require(Self.notes[index])
        #expect(result.status == 1)
        for line in result.out.split(separator: "\n") { #expect(line.count <= columns, "\(columns): \(line)") }
        let plain = try #require(Self.verify100)
        for line in plain.out.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        let only = try #require(Self.findingsOnly)
        for line in only.out.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    @Test func theRecapListsExactlyTheFindings() throws {
        let result = try #require(Self.verify100)
        let lines = result.out.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "5 findings:"))
        let recap = lines[(start + 1)...].prefix { !$0.isEmpty }
        let numbers = recap.compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }
        #expect(numbers == Self.findings)
        #expect(recap.filter { $0.contains(" wrong ") }.count == 4)
        #expect(recap.last?.contains("not-equal  miswired: w3 used for w2") == true)
        #expect(lines.last { !$0.isEmpty }?.hasSuffix("30 exact, 1 last-digit, 4 wrong, 24 equal, 1 not-equal") == true)
        let only = try #require(Self.findingsOnly)
        let rows = only.out.split(separator: "\n").filter { !$0.contains("claims:") }
            .compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }
        #expect(rows == Self.findings)
    }

    /// The README: dE_o2/dout_h1 = −0.019049119 is one unit off in the ninth place, nothing more.
    @Test func aLastDigitRowNamesNoClosestMistake() throws {
        let result = try CLI.run(["verify", "--json"])
        let object = try #require(try CLI.json(result.out) as? [String: Any])
        let claims = try #require(object["claims"] as? [[String: Any]])
        let line53 = try #require(claims.first { $0["line"] as? Int == 53 })
        #expect(line53["verdict"] as? String == "last-digit")
        #expect(line53["closest"] == nil)
        let text = try #require(Self.verify100).out
        #expect(text.contains("one unit off in the last printed place"))
        #expect(!text.contains("closest"))
    }

    @Test func carriedNamesItsLines() throws {
        let result = try CLI.run(["check", "Fixtures/readers/ali-celik.deriv"], environment: ["COLUMNS": "100"])
        #expect(result.out.contains("what the numbers on line 34 give when used as inputs"), "\(result.out)")
        let json = try CLI.run(["check", "Fixtures/readers/ali-celik.deriv", "--json"])
        let object = try #require(try CLI.json(json.out) as? [String: Any])
        let claims = try #require(object["claims"] as? [[String: Any]])
        #expect(claims.last?["carried_from"] as? [Int] == [34])
    }

    @Test func colourIsAsAsked() throws {
        let file = "Fixtures/readers/prometheusgr.deriv"
        let always = try CLI.run(["check", file, "--color", "always"], environment: ["TERM": "dumb", "NO_COLOR": "1"])
        #expect(always.out.contains("\u{1B}[31mwrong\u{1B}[0m"))
        let never = try CLI.run(["check", file, "--color", "never"])
        #expect(!never.out.contains("\u{1B}"))
        let auto = try CLI.run(["check", file])
        #expect(!auto.out.contains("\u{1B}"), "a pipe is not a terminal")
        let bad = try CLI.run(["verify", "--color", "sometimes"])
        #expect(bad.status == 64 && bad.err.contains("Usage: derivcheck verify"))
    }

    /// `auto` on a real terminal (a pseudo-terminal made by script(1)): colour, except with
    /// `TERM=dumb` or `NO_COLOR`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnATerminal() throws {
        func onTerminal(_ environment: String) throws -> String {
            let command = "\(environment) COLUMNS=100 '\(CLI.binary.path)' check Fixtures/readers/walter.deriv"
            let result = try CLI.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
            return result.out
        }
        #expect(try onTerminal("TERM=xterm").contains("\u{1B}[32mexact"))
        #expect(try !onTerminal("TERM=dumb").contains("\u{1B}[32m"))
        #expect(try !onTerminal("TERM=xterm NO_COLOR=1").contains("\u{1B}[32m"))
    }

    /// A check that trains for seconds draws a progress line on a terminal, and none on a pipe.
    /// 20,000 steps train on re-centred 128-bit balls, well past the line's 1 s delay in a debug
    /// build (shorter runs take the double-double tier, and may finish first).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressOnATerminalOnly() throws {
        let url = try CLI.temporaryFile(
            "long.deriv",
            """
            [network]
            layers = 2 2 2
            inputs = 0.05 0.10
            targets = 0.01 0.99
            weights = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55
            biases = 0.35 0.60
            [training]
            loss = E_total
            parameters = w1 w2 w3 w4 w5 w6 w7 w8
            rate = 0.5
            [claims]
            E_total@20000 = 0.1

            """)
        let command = "COLUMNS=80 '\(CLI.binary.path)' check '\(url.path)'"
        let terminal = try CLI.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(terminal.out.contains("checking long.deriv: training ["), "\(terminal.out.prefix(300))")
        let pipe = try CLI.run(["check", url.path])
        #expect(pipe.err.isEmpty)
    }

    @Test func digitsAreHonouredExactly() throws {
        let result = try CLI.run(["verify", "--json", "--digits", "10"])
        let object = try #require(try CLI.json(result.out) as? [String: Any])
        let claims = try #require(object["claims"] as? [[String: Any]])
        for claim in claims where claim["kind"] as? String == "numeric" {
            let exact = try #require(claim["exact"] as? String)
            let digits = exact.filter(\.isNumber).drop { $0 == "0" }
            #expect(digits.count == 10, "\(claim["line"] ?? ""): \(exact)")
        }
        // mpmath: out_h1 = logistic(0.3775) = 0.593269992107187…
        #expect(claims.first { $0["line"] as? Int == 33 }?["exact"] as? String == "0.5932699921")
        let eval = try CLI.run(["eval", "1/(1+exp(-0.3775))", "--digits", "10"])
        #expect(eval.out.hasPrefix("value   0.5932699921\n"))
    }

    @Test func jsonGivesEveryFileItsErrorsToo() throws {
        let bad = try CLI.temporaryFile("bad.deriv", "[model]\nx = 0.5.5\n[claims]\nx = 1\n")
        let result = try CLI.run(["check", bad.path, "Fixtures/readers/walter.deriv", "no/such.deriv", "--json"])
        #expect(result.status == 2)
        let array = try #require(try CLI.json(result.out) as? [[String: Any]])
        #expect(array.map { $0["file"] as? String } == [bad.path, "Fixtures/readers/walter.deriv", "no/such.deriv"])
        let errors = try #require(array[0]["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["line"] as? Int == 2 && errors.first?["column"] as? Int == 8)
        #expect(errors.first?["message"] is String)
        #expect(array[1]["claims"] is [Any])
        let missing = try #require(array[2]["errors"] as? [[String: Any]])
        #expect(
            missing.first?["line"] is NSNull && (missing.first?["message"] as? String)?.contains("no such file") == true
        )
        let single = try CLI.run(["check", bad.path, "--json"])
        #expect((try CLI.json(single.out) as? [String: Any])?["errors"] is [Any])
    }

    @Test func notesQuoteThePost() throws {
        let result = try #require(Self.notes[1])
        #expect(result.out.contains("      # Hidden Layer: \"After this first round of backpropagation"))
    }
}
