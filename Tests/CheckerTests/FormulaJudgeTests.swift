import Exact
import Fixture
import Testing

@testable import Checker

/// Formula claims: equal when the two sides agree at the givens and nearby, not-equal when a
/// certified evaluation separates them; the method says which.
@Suite struct FormulaJudgeTests {
    static func judge(_ text: String) throws -> [ClaimResult] {
        let fixture = try FixtureReader.read(text: text, file: "f.deriv")
        let judge = FormulaJudge(fixture: fixture, escalation: Escalation(initial: 128, cap: 2048))
        return try fixture.claims.map { claim throws in try judge.judge(claim) }
    }

    @Test func canonicalForms() throws {
        let results = try Self.judge("[model]\nx = 2\ny = 3\nz := x*y + y\n[claims]\nz == x*y + y\nz == y*(x + 1)\n")
        #expect(results.map(\.verdict) == [.equal, .equal])
        #expect(results[0].method.note?.hasPrefix("canonical form") == true)
        #expect(results.allSatisfy { $0.certifiedDigits == nil && $0.explanations.isEmpty })
    }

    @Test func separatedAtTheGivens() throws {
        let results = try Self.judge("[model]\nx = 2\nz := x^2\n[claims]\nz == 2*x + 1\n")
        #expect(results[0].verdict == .notEqual)
        #expect(results[0].method.note == "certified evaluation separates the two sides at the givens")
    }

    /// Equal at the givens by coincidence (x² = 2x at x = 2), apart nearby.
    @Test func separatedNearTheGivens() throws {
        let results = try Self.judge("[model]\nx = 2\nz := x^2\n[claims]\nz == 2*x\n")
        #expect(results[0].verdict == .notEqual)
        #expect(
            results[0].method.note == "certified evaluation separates the two sides at a random point near the givens")
    }

    @Test func equalByEvaluation() throws {
        let results = try Self.judge(
            "[model]\nx = 0.3\ns := logistic(x)\n[claims]\ns == 1/(1 + exp(-x))\nds/dx == s*(1 - s)\nds/dx == exp(-x)/(1 + exp(-x))^2\n"
        )
        #expect(results.map(\.verdict) == [.equal, .equal, .equal])
        #expect(results.allSatisfy { $0.method.note != nil })
    }

    @Test func updateRuleOfATrainedParameter() throws {
        let network = """
            \(TestFixtures.tutorialNetwork)
            [model]
            η = 0.5
            [training]
            parameters = w1 w2 w3 w4 w5 w6 w7 w8
            rate = η
            [claims]
            w5+ == w5 - η*dE_total/dw5
            w5+ == w5 - η*dE_total/dw6
            w1+ == w1 - η*dE_total/dnet_h1*i1
            w1+ == w1 + η*dE_total/dw1
            """
        let results = try Self.judge(network)
        #expect(results.map(\.verdict) == [.equal, .notEqual, .equal, .notEqual])
    }

    @Test func formulaClaimsInAReport() throws {
        let fixture = try FixtureReader.read(
            text: "[model]\nx = 2\nz := x^2\n[claims]\nz == x*x\nz == x + x + 1\n", file: "f.deriv")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.map(\.verdict) == [.equal, .notEqual])
        #expect(report.hasFindings)
        #expect(report.results.map(\.claim.printed) == ["x*x", "x + x + 1"])
    }
}
