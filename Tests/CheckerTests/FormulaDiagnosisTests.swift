import Fixture
import Testing

@testable import Checker

/// A `not-equal` formula gets the diagnosis a number would: the mistake under which it holds.
@Suite struct FormulaDiagnosisTests {
    /// The post's hidden-layer `net_h1 = w1*i1 + w3*i2 + b1*1`: w3 is h2's weight from i2, so the
    /// formula is h1's net input with w3 in place of w2 (the fixture format's numbering), which is
    /// the same error Ali Çelik's number 0.3825 makes.
    @Test func theW3EquationIsMiswired() throws {
        let report = try TestPaths.check(packageFile: "Fixtures/readers/loftur.deriv")
        let result = try #require(report.results.first)
        #expect(result.verdict == .notEqual)
        #expect(result.explanations == [.miswired(used: "w3", replaced: "w2")])
        #expect(result.explanations.first?.detail == "w3 used for w2 in the forward pass")
    }

    @Test func theTutorialsFormulaToo() throws {
        let report = try TestPaths.check(packageFile: "Fixtures/mazur-2015.deriv")
        let line90 = try #require(report.results.first { $0.claim.line == 90 })
        #expect(line90.verdict == .notEqual)
        #expect(line90.explanations.map(\.name) == ["miswired"])
        #expect(report.results.filter { $0.verdict == .equal }.allSatisfy { $0.explanations.isEmpty })
    }

    /// `y == x + 1` for y := x − 1 holds with the sign flipped? No: −(x − 1) = 1 − x, so only a
    /// formula that is the negation is diagnosed `sign`.
    @Test func aNegatedFormulaIsSign() throws {
        let text = "[model]\nx = 0.25\ny := x - 1\n[claims]\ny == 1 - x\ny == x + 1\n"
        let report = try FixtureChecker().check(FixtureReader.read(text: text, file: "s"))
        #expect(report.results.map(\.verdict) == [.notEqual, .notEqual])
        #expect(report.results[0].explanations == [.negated])
        #expect(report.results[1].explanations.isEmpty)
    }
}
