import Foundation
import Testing

/// The small things issue #13 listed: usage errors show the subcommand's usage, written files are
/// named, eval lends a model's names, derive says nothing tautological, completions load.
@Suite struct CommandTextTests {
    @Test(arguments: [
        (["derive", "w1", "--form", "nope"], "Usage: derivcheck derive <param> [--of <quantity>]"),
        (["verify", "--format", "html"], "Usage: derivcheck verify [--json] [--format <format>]"),
        (["verify", "--digits", "zero"], "Usage: derivcheck verify [--json]"),
        (["train", "--steps", "-1"], "Usage: derivcheck train [--fixture <file>]"),
        (["verify", "--only", "everything"], "Usage: derivcheck verify"),
    ])
    func usageErrorsShowTheSubcommandsUsage(arguments: [String], usage: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.err.contains(usage), "\(result.err)")
        #expect(result.err.contains("See 'derivcheck help \(arguments[0])' for more."))
    }

    @Test func writtenFilesAreNamed() throws {
        let directory = try CLI.temporaryFile("x", "").deletingLastPathComponent()
        let plot = directory.appendingPathComponent("loss.svg").path
        let train = try CLI.run(["train", "--steps", "20", "--every", "10", "--plot", plot])
        #expect(train.status == 0)
        #expect(train.err == "wrote \(plot)\n")
        let svg = directory.appendingPathComponent("net.svg").path
        let diagram = try CLI.run(["diagram", "-o", svg])
        #expect(diagram.status == 0 && diagram.err == "wrote \(svg)\n" && diagram.out.isEmpty)
    }

    /// w5 − η·dE_total/dw5 is the post's w5+ = 0.35891648 (the fixture's η is 0.5).
    @Test func evalWithAModelsNames() throws {
        let result = try CLI.run([
            "eval", "w5 - 0.5*dE_total/dw5", "--fixture", "Fixtures/mazur-2015.deriv", "--digits", "8",
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("value   0.35891648\n"))
        let unknown = try CLI.run(["eval", "w5 + wx", "--fixture", "Fixtures/mazur-2015.deriv"])
        #expect(unknown.status == 2 && unknown.err.contains("'wx'"))
        let without = try CLI.run(["eval", "w5"])
        #expect(without.status == 2 && without.err.contains("--fixture"))
    }

    @Test func deriveSaysNoTautology() throws {
        let result = try CLI.run(["derive", "w5", "--of", "E_o2"])
        #expect(result.status == 0)
        #expect(!result.out.contains("∂E_o2/∂w5 = ∂E_o2/∂w5"))
        #expect(result.out.contains("E_o2 does not depend on w5"))
    }

    @Test func deriveLatexIsLatexOnly() throws {
        let result = try CLI.run(["derive", "w5", "--latex"])
        #expect(result.status == 0)
        #expect(result.out.contains("\\mathrm{target}_{o1}"))
        #expect(!result.out.contains("target_{o1}") || result.out.contains("\\mathrm{target}_{o1}"))
        #expect(!result.out.contains("Chain rule:") && !result.out.contains("Double"))
        #expect(result.out.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func bashCompletionsLoadAndComplete() throws {
        let script = try CLI.run(["completions", "bash"])
        #expect(script.status == 0)
        let file = try CLI.temporaryFile("derivcheck.bash", script.out)
        let probe = """
            source '\(file.path)'
            COMP_WORDS=(derivcheck verify --color ''); COMP_CWORD=3; _derivcheck; echo "${COMPREPLY[*]}"
            COMP_WORDS=(derivcheck ch); COMP_CWORD=1; _derivcheck; echo "${COMPREPLY[*]}"
            """
        let result = try CLI.runProgram("/bin/bash", ["-c", probe])
        #expect(result.out == "auto always never\ncheck\n", "\(result.err)")
        for shell in ["zsh", "fish"] {
            let other = try CLI.run(["completions", shell])
            #expect(other.status == 0 && other.out.contains("completions") && other.out.contains("show-notes"))
        }
        #expect(try CLI.run(["completions", "tcsh"]).status == 64)
    }
}

/// The LaTeX derivcheck writes compiles with pdflatex (Debian's texlive-latex-base), when installed.
@Suite struct LaTeXCompileTests {
    static let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(
        "verify --format latex and derive --latex compile with pdflatex",
        .enabled(if: pdflatex != nil, "pdflatex is not installed (apt-get install texlive-latex-base)"))
    func compiles() throws {
        let pdflatex = try #require(Self.pdflatex)
        let report = try CLI.run(["verify", "--format", "latex"])
        let derivation = try CLI.run(["derive", "w1", "--latex"])
        let document = """
            \\documentclass{article}
            \\usepackage{amsmath}
            \\usepackage{longtable}
            \\begin{document}
            \(report.out)
            \(derivation.out)
            \\end{document}

            """
        let source = try CLI.temporaryFile("report.tex", document)
        let result = try CLI.runProgram(
            pdflatex, ["-interaction=nonstopmode", "-halt-on-error", source.lastPathComponent],
            directory: source.deletingLastPathComponent())
        #expect(result.status == 0, "\(result.out.split(separator: "\n").filter { $0.hasPrefix("!") })")
        let pdf = source.deletingPathExtension().appendingPathExtension("pdf")
        #expect(FileManager.default.fileExists(atPath: pdf.path))
    }
}
