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

    /// The mistakes a formula's diagnosis skips are those that cannot touch it; the ones that can
    /// still explain it: an update written with `+` is `sign`, a derivative with w6 for w5 is `swapped`.
    @Test func mistakesThatCanTouchTheFormulaStillExplainIt() throws {
        let text =
            TestFixtures.tutorialNetwork + TrustRegressionTests.tutorialTraining + """
                w5+ == w5 + 0.5*dE_total/dw5
                dE_total/dout_h1 == dE_total/dnet_o1*w6 + dE_total/dnet_o2*w7
                """
        let results = try TrustRegressionTests.check(text).results
        #expect(results.map(\.verdict) == [.notEqual, .notEqual])
        #expect(results[0].explanations.contains(.signOfUpdate))
        #expect(results[1].explanations.contains(.swapped(used: "w6", replaced: "w5")))
    }

    /// What `net_h1 == w1*i1 + w3*i2 + b1` can be changed by: a miswiring of w1 or w2, not of an
    /// output weight, and no mistake in derivatives, updates or binary32.
    @Test func theReachOfAForwardFormula() throws {
        let claims = "net_h1 == w1*i1 + w3*i2 + b1\n"
        let text = TestFixtures.tutorialNetwork + TrustRegressionTests.tutorialTraining + claims
        let fixture = try FixtureReader.read(text: text, file: "t.deriv")
        let claim = try #require(fixture.claims.first)
        guard case .formula(let formula) = claim.kind else { throw FormulaError(message: "not a formula") }
        let reach = FormulaDiagnosis.Reach(formula, of: claim, in: fixture.model)
        #expect(reach.canChange(.miswired(used: "w3", replaced: "w2")))
        #expect(reach.canChange(.miswired(used: "w2", replaced: "w1")))
        #expect(!reach.canChange(.miswired(used: "w6", replaced: "w5")))
        #expect(!reach.canChange(.swapped(used: "w3", replaced: "w2")))
        #expect(!reach.canChange(.noActivationDerivative))
        #expect(!reach.canChange(.signOfUpdate))
        #expect(!reach.canChange(.float32))
        #expect(reach.canChange(.noHalf) && reach.canChange(.negated))
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
