import Exact
import Fixture
import Foundation
import Symbolic
import Testing

@testable import Checker

/// The pairs of a layer screened as edits of one program (`SlotScreen`) give the values of their
/// rebuilt scenarios, and a pair that reproduces a claim is still found and certified.
@Suite struct SlotScreenTests {
    /// A 2-1-3-2 relu net (logistic outputs) trained on every weight, with value, parameter and
    /// derivative claims at several steps.
    static let relu = """
        [network]
        layers = 2 1 3 2
        activation = relu relu logistic
        inputs = 0.05 0.10
        targets = 0.26 0.83
        weights = 0.34 0.45 0.31 0.46 0.41 0.36 0.42 0.32 0.20 0.12 0.55
        biases = 0.15 0.06 0.08
        [training]
        loss = E_total
        parameters = w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11
        rate = 0.5
        """

    static let claims = """
        [claims]
        E_total@3 = 0.1
        out_o2@2 = 0.1
        w6@2 = 0.1
        dE_total/dw3@1 = 0.1
        dE_total/dout_h1_1 = 0.1
        """

    /// Every pair's screened value, and the update sign's, against its rebuilt scenario's `Double`
    /// value, claim by claim.
    @Test func pairsMatchTheirRebuiltScenarios() throws {
        let fixture = try FixtureReader.read(text: Self.relu + "\n" + Self.claims, file: "relu")
        let search = MistakeSearch(fixture: fixture, escalation: .standard)
        let base = try Scenario(fixture: fixture)
        let pending = Array(fixture.claims.indices)
        let screen = try #require(SlotScreen(fixture: fixture, claims: fixture.claims, pending: pending, base: base))
        let pairs = search.candidates().filter { ["swapped", "miswired", "sign"].contains($0.name) }
        #expect(pairs.count == 2 * (2 + 3 * 2 + 6 * 5) + (1 + 3 + 15) + 1)
        var compared = 0
        for mistake in pairs {
            guard let screened = screen.values(of: mistake, pending: pending, claims: fixture.claims) else {
                guard case .miswired = mistake else {
                    Issue.record("\(mistake) not screened")
                    continue
                }
                continue
            }
            let scenario = try Scenario(fixture: fixture, mistake: mistake, sharing: base)
            for (index, value) in screened {
                let claim = fixture.claims[index]
                let request = Request(
                    step: claim.quantity.step, expression: try scenario.expression(for: claim.quantity.target),
                    samples: scenario.samples(for: claim.quantity))
                let rebuilt = try ScenarioRun(scenario: scenario, makeRegisters: DoubleRegisters.init(count:))
                    .evaluate([request])[0].get()
                #expect(abs(value - rebuilt) <= 1e-13 * max(abs(rebuilt), 1e-300), "\(mistake), \(claim.quantity)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// A claim printed as a miswired, a swapped and a sign-flipped network computes it is explained
    /// by that mistake, certified, through the shared programs.
    @Test func reproducedPairsAreFound() throws {
        let plain = try FixtureReader.read(text: Self.relu + "\n[claims]\nE_total@3 = 0.1\n", file: "relu")
        let base = try Scenario(fixture: plain)
        let mistakes: [Mistake] = [
            .miswired(used: "w5", replaced: "w3"), .swapped(used: "w9", replaced: "w8"), .signOfUpdate,
        ]
        for mistake in mistakes {
            let scenario = try Scenario(fixture: plain, mistake: mistake, sharing: base)
            let value = try ScenarioRun(scenario: scenario, makeRegisters: DoubleRegisters.init(count:))
                .evaluate([Request(step: 3, expression: .name("E_total"))])[0].get()
            let printed = String(format: "%.9g", value)
            let fixture = try FixtureReader.read(
                text: Self.relu + "\n[claims]\nE_total@3 = \(printed)\n", file: "relu")
            let result = try #require(FixtureChecker().check(fixture).results.first)
            #expect(result.verdict == .wrong)
            #expect(result.explanations.contains(mistake), "\(printed): \(result.explanations)")
        }
    }
}
