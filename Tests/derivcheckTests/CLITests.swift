import Foundation
import Testing

@Suite struct CLITests {
    @Test func binaryIsFound() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path), "\(CLI.binary.path)")
    }

    @Test func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(
            result.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(result.out)"
        )
        #expect(result.err.isEmpty)
    }

    @Test func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for heading in ["OVERVIEW:", "USAGE:", "OPTIONS:", "SUBCOMMANDS:"] {
            #expect(result.out.contains(heading), "\(heading)")
        }
        for command in ["verify", "check", "eval", "derive"] {
            #expect(result.out.contains("  \(command) "), "\(command)")
        }
        let short = try CLI.run(["-h"])
        #expect(short.status == 0 && short.out == result.out)
    }

    @Test func helpForASubcommand() throws {
        for arguments in [["help", "check"], ["check", "--help"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0)
            for heading in [
                "OVERVIEW:", "USAGE: derivcheck check", "ARGUMENTS:", "<files>", "OPTIONS:", "--json", "--format",
            ] {
                #expect(result.out.contains(heading), "\(arguments): \(heading)")
            }
        }
    }

    @Test func noArgumentsShowsHelpWithUsageStatus() throws {
        let result = try CLI.run([])
        #expect(result.status == 64)
        #expect(result.out.contains("USAGE:"))
    }

    @Test func unknownSubcommand() throws {
        let result = try CLI.run(["frobnicate"])
        #expect(result.status == 64)
        #expect(result.errorLines.count == 1)
        #expect(result.err.contains("unknown subcommand 'frobnicate'"))
        #expect(result.out.isEmpty)
    }

    @Test(arguments: [
        ["--bogus"], ["check", "--bogus", "Fixtures/readers/walter.deriv"], ["verify", "-x"], ["eval", "--digits"],
        ["verify", "--json=yes"],
    ])
    func badOptions(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.err)")
        #expect(result.errorLines.count == 1, "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test func badOptionValues() throws {
        for arguments in [
            ["verify", "--format", "html"], ["verify", "--digits", "zero"], ["derive", "w1", "--form", "nope"],
            ["eval", "1", "--digits", "0"],
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.err)")
            #expect(result.errorLines.count == 1)
        }
    }

    @Test func verify() throws {
        let result = try CLI.run(["verify"])
        #expect(result.status == 1, "the tutorial prints wrong numbers")
        #expect(result.out.contains("sequential"))
        #expect(result.out.contains("off-by-one"))
        #expect(result.out.contains("LINE"))
        #expect(result.out.contains("Fixtures/mazur-2015.deriv: "))
        #expect(!result.out.contains("\u{1B}["), "no colour on a pipe")
        #expect(result.err.isEmpty)
    }

    @Test func verifyJSON() throws {
        let result = try CLI.run(["verify", "--json"])
        #expect(result.status == 1)
        let object = try #require(try CLI.json(result.out) as? [String: Any])
        #expect(object["file"] as? String == "Fixtures/mazur-2015.deriv")
        let claims = try #require(object["claims"] as? [[String: Any]])
        #expect(claims.count == 60)
        let numeric = claims.filter { $0["kind"] as? String == "numeric" }
        let formulas = claims.filter { $0["kind"] as? String == "formula" }
        #expect(numeric.count == 35 && formulas.count == 25)
        for claim in claims {
            #expect(claim["line"] is NSNumber)
            for key in ["quantity", "kind", "printed", "verdict"] { #expect(claim[key] is String, "\(key)") }
            #expect(claim["explanations"] is [Any])
        }
        for claim in numeric {
            for key in ["exact", "double", "double_verdict"] {
                #expect(claim[key] is String, "\(claim["line"] ?? ""): \(key)")
            }
            if let exact = claim["exact"] as? String {
                #expect(exact.filter(\.isNumber).drop(while: { $0 == "0" }).count >= 20)
            }
        }
        let e1 = try #require(claims.first { $0["quantity"] as? String == "E_total@1" })
        #expect(e1["line"] as? Int == 63)
        #expect(e1["printed"] as? String == "0.291027924")
        #expect(e1["verdict"] as? String == "wrong")
        #expect((e1["exact"] as? String)?.hasPrefix("0.29102777369359935087") == true)
        let explanations = try #require(e1["explanations"] as? [[String: Any]])
        #expect(explanations.first?["mistake"] as? String == "sequential")
        #expect(explanations.first?["detail"] is String)
        #expect(e1["note"] is String)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["wrong"] == 4)
        #expect(summary.values.reduce(0, +) == 60)
    }

    @Test func checkReadersFixture() throws {
        let walter = try CLI.run(["check", "Fixtures/readers/walter.deriv"])
        #expect(walter.status == 0)
        #expect(walter.out.contains("Fixtures/readers/walter.deriv: 3 claims: 2 exact, 1 equal"))
        let sign = try CLI.run(["check", "Fixtures/readers/prometheusgr.deriv"])
        #expect(sign.status == 1)
        #expect(sign.out.contains("sign"))
    }

    @Test func checkJSONOfSeveralFilesIsAnArray() throws {
        let result = try CLI.run(["check", "--json", "Fixtures/readers/walter.deriv", "Fixtures/readers/loftur.deriv"])
        #expect(result.status == 1)
        let array = try #require(try CLI.json(result.out) as? [[String: Any]])
        #expect(
            array.map { $0["file"] as? String } == ["Fixtures/readers/walter.deriv", "Fixtures/readers/loftur.deriv"])
    }

    @Test func checkMissingFile() throws {
        let result = try CLI.run(["check", "no/such/file.deriv"])
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1)
        #expect(result.err.contains("no/such/file.deriv"))
        let directory = try CLI.run(["check", "Fixtures"])
        #expect(directory.status == 2)
        #expect(directory.err.contains("directory"))
    }

    @Test func checkMalformedFile() throws {
        let url = try CLI.temporaryFile("bad.deriv", "[model]\nx = 0.5.5\ny := (x\n[claims]\n")
        let result = try CLI.run(["check", url.path])
        #expect(result.status == 2)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 2, "\(result.err)")
        #expect(lines.first?.hasPrefix("\(url.path):2:8: error: ") == true)
        #expect(lines.last?.hasPrefix("\(url.path):3:8: error: ") == true)
        #expect(result.out.isEmpty)
    }

    @Test func checkFileThatFailsToEvaluate() throws {
        let url = try CLI.temporaryFile("log.deriv", "[model]\nx = -1\ny := log(x)\n[claims]\ny = 0\n")
        let result = try CLI.run(["check", url.path])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("\(url.path):3:1: error: "), "\(result.err)")
        #expect(!result.crashed)
    }

    @Test func severalFilesGiveTheHighestStatus() throws {
        let one = try CLI.run(["check", "Fixtures/readers/walter.deriv", "Fixtures/readers/loftur.deriv"])
        #expect(one.status == 1)
        let two = try CLI.run([
            "check", "Fixtures/readers/loftur.deriv", "no/such.deriv", "Fixtures/readers/walter.deriv",
        ])
        #expect(two.status == 2)
        #expect(
            two.out.contains("loftur.deriv") && two.out.contains("walter.deriv"), "the other files are still checked")
        let zero = try CLI.run(["check", "Fixtures/readers/walter.deriv", "Fixtures/readers/walter.deriv"])
        #expect(zero.status == 0)
    }

    @Test func checkWithoutFiles() throws {
        let result = try CLI.run(["check"])
        #expect(result.status == 64)
        #expect(result.errorLines.count == 1)
    }

    /// mpmath's logistic(0.3775) from Tests/ExactTests/Resources/functions.tsv:
    /// 5.93269992107187255173654561579402815457683723993662837067003e-1.
    static let logistic = "0.593269992107187255173654561579402815457683723993662837067003"

    @Test func eval() throws {
        let result = try CLI.run(["eval", "1/(1+exp(-0.3775))"])
        #expect(result.status == 0)
        let value = try #require(result.out.split(separator: "\n").first { $0.hasPrefix("value") })
        let digits = value.split(separator: " ").last.map(String.init) ?? ""
        #expect(digits == "0.593269992107187255173654561579", "30 significant digits, correctly rounded")
        #expect(Self.logistic.hasPrefix(String(digits.dropLast())))
        #expect(result.out.contains("Double  0.5932699921071872"))
    }

    @Test func evalJSON() throws {
        let result = try CLI.run(["eval", "--json", "--digits", "50", "logistic(0.3775)"])
        #expect(result.status == 0)
        let object = try #require(try CLI.json(result.out) as? [String: Any])
        let value = try #require(object["value"] as? String)
        #expect(
            value == "0.59326999210718725517365456157940281545768372399366",
            "50 digits, correctly rounded from the reference")
        #expect(object["double"] as? String == "0.5932699921071872")
        #expect(object["radius"] is String)
    }

    @Test(arguments: [
        "1/0", "log(-1)", "0/0", "0*(1/0)", "0*log(-1)", "(1/0)-(1/0)", "((((", "foo(1)", "0.5.5",
        String(repeating: "(", count: 10_000), "", "1 +", "x", "sqrt(-4)",
        "exp(1e9)", "1e10000^100000",
    ])
    func evalErrors(expression: String) throws {
        let result = try CLI.run(["eval", expression])
        #expect(result.status == 2, "\(expression.prefix(20)): \(result.status) \(result.err.prefix(300))")
        #expect(result.errorLines.count == 1, "\(result.err.prefix(300))")
        #expect(!result.crashed)
        #expect(result.out.isEmpty)
    }

    @Test func deriveJSON() throws {
        let result = try CLI.run(["derive", "w5", "--json"])
        #expect(result.status == 0)
        let object = try #require(try CLI.json(result.out) as? [String: Any])
        for key in ["value", "double", "chain", "expanded", "latex"] { #expect(object[key] != nil, "\(key)") }
        #expect((object["value"] as? String)?.hasPrefix("0.0821670405642307788464190335541") == true)
        let chain = try #require(object["chain"] as? [[String: Any]])
        #expect(chain.count == 3)
        #expect(chain.map { $0["factor"] as? String } == ["∂E_total/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂w5"])
        #expect(chain.allSatisfy { $0["value"] is String })
    }

    @Test func deriveText() throws {
        let result = try CLI.run(["derive", "w1"])
        #expect(result.status == 0)
        #expect(result.out.contains("δ_h1"))
        #expect(result.out.contains("∂E_total/∂w1 = 0.000438567734474346727048375599047"))
        #expect(
            result.out.contains("Chain rule:") && result.out.contains("Delta rule:") && result.out.contains("Expanded"))
        let latex = try CLI.run(["derive", "w1", "--latex", "--form", "chain"])
        #expect(latex.status == 0)
        #expect(latex.out.contains("\\frac{\\partial E_{\\mathrm{total}}}{\\partial w_{1}}"))
        #expect(!latex.out.contains("Delta rule:"))
    }

    @Test func deriveWithAFixture() throws {
        let result = try CLI.run([
            "derive", "b_o1", "--fixture", "Tests/SymbolicTests/Resources/per-neuron-bias.deriv", "--json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let object = try #require(try CLI.json(result.out) as? [String: Any])
        #expect((object["value"] as? String)?.hasPrefix("0.4918949585780337") == true, "\(object["value"] ?? "")")
    }

    @Test func deriveUnknownName() throws {
        let result = try CLI.run(["derive", "nosuch"])
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1)
        #expect(result.err.contains("nosuch"))
        #expect(result.err.contains("w1") && result.err.contains("E_total"), "lists the model's names")
    }

    @Test func markdownAndLatex() throws {
        let markdown = try CLI.run(["check", "--format", "markdown", "Fixtures/readers/walter.deriv"])
        #expect(markdown.status == 0)
        #expect(markdown.out.contains("| line | quantity | printed | exact | Double | verdict | explanation |"))
        #expect(markdown.out.contains("| 28 | `dE_total/dout_o1` | `0.74136507` |"))
        let latex = try CLI.run(["check", "--format", "latex", "Fixtures/readers/walter.deriv"])
        #expect(latex.status == 0)
        #expect(latex.out.contains("\\begin{longtable}") && latex.out.contains("\\end{longtable}"))
        #expect(latex.out.contains("\\texttt{dE\\_total/dout\\_o1}"))
        let json = try CLI.run(["check", "--format", "json", "Fixtures/readers/walter.deriv"])
        #expect((try? CLI.json(json.out)) is [String: Any])
    }

    @Test func noColourOnAPipe() throws {
        for environment in [[:], ["NO_COLOR": "1"], ["TERM": "xterm-256color"]] {
            let result = try CLI.run(["check", "Fixtures/readers/prometheusgr.deriv"], environment: environment)
            #expect(!result.out.contains("\u{1B}["), "\(environment)")
            #expect(!result.err.contains("\u{1B}["))
        }
    }

    /// On a terminal (`script` gives one) verdicts are coloured, unless `NO_COLOR` is set.
    @Test func colourOnATerminalAndNoColor() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        func onTerminal(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "'\(CLI.binary.path)' check Fixtures/readers/walter.deriv", "/dev/null"]
            process.currentDirectoryURL = CLI.packageRoot
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "NO_COLOR")
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let coloured = try onTerminal([:])
        guard coloured.contains("exact") else { return }  // no pseudo-terminal here
        #expect(coloured.contains("\u{1B}[32m"), "green verdicts on a terminal")
        #expect(!(try onTerminal(["NO_COLOR": "1"])).contains("\u{1B}["))
        #expect((try onTerminal(["NO_COLOR": ""])).contains("\u{1B}["), "an empty NO_COLOR does not count")
    }
}
