import Checker
import Fixture
import Foundation
import Testing

@testable import Reports

/// The compact text report: one line per claim fitted to the width, advice under the rows that
/// need it, the findings recapped, the first differing digit marked.
@Suite struct CompactReportTests {
    /// 1/3 = 0.3333…: 0.333 exact, 0.334 one unit off, 0.5 wrong; y = 3x = 1 and p = 2.
    static let text = """
        [model]
        x := 1/3
        y := x*3
        p := 2
        [claims]
        x = 0.333          # right
        x = 0.334          # one unit off
        x = 0.5            # wrong | with a bar, and a note long enough that it has to be wrapped over two lines at forty
        y == x + x + x
        p == 3
        """
    static let report = try! FixtureChecker().check(FixtureReader.read(text: text, file: "r_1.deriv"))

    static func lines(_ options: ReportOptions) -> [String] {
        report.rendered(as: .text, options: options).components(separatedBy: "\n")
    }

    @Test(arguments: [40, 60, 80, 100])
    func everyLineFits(width: Int) {
        for line in Self.lines(ReportOptions(width: width, showNotes: true)) {
            #expect(line.count <= width, "\(line)")
        }
    }

    @Test func layout() {
        let lines = Self.lines(ReportOptions(width: 100))
        #expect(lines[0] == "LINE  QUANTITY  PRINTED    VERDICT     EXACT")
        #expect(lines[1] == "6     x         0.333      exact       0.33333333333333333333")
        #expect(lines[2] == "7     x         0.334      last-digit  0.33[3]33333333333333333")
        #expect(lines[3].hasPrefix("      one unit off in the last printed place"))
        #expect(lines[4] == "8     x         0.5        wrong       0.[3]3333333333333333333")
        #expect(lines[5].hasPrefix("      no mistake tried reproduces it"))
        #expect(lines.last == "r_1.deriv: 5 claims: 1 exact, 1 last-digit, 1 wrong, 1 equal, 1 not-equal")
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func recapListsExactlyTheFindings() throws {
        let lines = Self.lines(ReportOptions(width: 100))
        let start = try #require(lines.firstIndex(of: "2 findings:"))
        let recap = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(recap.count == 2)
        #expect(recap.first?.hasPrefix("   8  x = 0.5") == true, "\(recap)")
        #expect(recap.first?.contains("wrong") == true)
        #expect(recap.last?.hasPrefix("  10  p == 3") == true)
        #expect(recap.last?.contains("not-equal") == true)
    }

    @Test func onlyFindings() {
        let lines = Self.lines(ReportOptions(width: 100, onlyFindings: true))
        let rows = lines.filter { $0.first?.isNumber == true }
        #expect(rows.map { $0.prefix(2) } == ["8 ", "10"])
        #expect(!lines.contains { $0.hasSuffix("findings:") }, "the rows are the findings: no recap")
    }

    @Test func notesAreQuotedUnderTheirRows() {
        let lines = Self.lines(ReportOptions(width: 60, showNotes: true))
        #expect(lines.contains("      # right"))
        let wrapped = lines.filter { $0.hasPrefix("        ") }
        #expect(!wrapped.isEmpty, "a long note continues on an indented line")
        #expect(!Self.lines(ReportOptions(width: 60)).contains("      # right"))
    }

    @Test func colourMarksVerdictAndDigit() {
        let text = Self.report.rendered(as: .text, options: ReportOptions(colour: true, width: 100))
        #expect(text.contains("\u{1B}[31mwrong\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;31m[3]\u{1B}[0m"))
        #expect(text.contains("\u{1B}[32mexact\u{1B}[0m"))
    }

    @Test(arguments: [
        ("0.291027924", "0.29102777369359935087", 8),  // the 7 of …2777… against the 9 of …2792…
        ("0.0000351085", "0.000035101877829788458742", 10),
        ("3.51085e-5", "0.000035101877829788458742", 10),  // the same number, written in powers of ten
        ("-0.019049119", "-0.019049118258278108266", 11),
        ("0.5", "-0.5", 3),  // the sign differs: the first significant digit
    ])
    func firstDifferingDigit(printed: String, exact: String, offset: Int) {
        #expect(DigitMark.firstDifference(printed: printed, exact: exact) == offset)
    }

    @Test func noMarkWhereTheyAgree() {
        #expect(DigitMark.firstDifference(printed: "0.593269992", exact: "0.59326999210718725517") == nil)
        #expect(DigitMark.firstDifference(printed: "1/3", exact: "0.333") == nil)
        #expect(DigitMark.firstDifference(printed: "w1*i1", exact: "") == nil)
    }

    @Test func latexEscapesEveryNonASCIICharacter() {
        #expect(LaTeXTable.escaped("w5 - η*dE_total/dw5") == "w5 - $\\eta$*dE\\_total/dw5")
        #expect(LaTeXTable.escaped("½ · − …") == "$\\frac{1}{2}$ $\\cdot$ $-$ \\ldots{}")
        #expect(LaTeXTable.escaped("∃") == "[U+2203]")
    }

    /// The recap's columns: a cell cut or filled out to exactly its width, in characters (an η or
    /// an ellipsis is one, as the width computed from `count` says).
    @Test func cellsArePaddedToTheirWidthInCharacters() {
        #expect("wrong".padded(toLength: 9) == "wrong    ")
        #expect("last-digit".padded(toLength: 9) == "last-digi")
        #expect("η = 0.5…".padded(toLength: 10) == "η = 0.5…  ")
        #expect("".padded(toLength: 0).isEmpty)
    }
}
