import Exact
import Fixture
import Testing

@testable import Checker

/// A closest mistake is named only when it helps: it changes the quantity, it lands strictly
/// nearer the printed number than the true value, and the number is `wrong` (issue #13's examples).
@Suite struct ClosestMistakeTests {
    /// The tutorial's network, trained as the post says, with the numbers issue #13 reported.
    static let text = """
        \(TestFixtures.tutorialNetwork)
        [training]
        loss = E_total
        parameters = w1 w2 w3 w4 w5 w6 w7 w8
        rate = 0.5
        [claims]
        out_h2 = 0.596884738          # a typo of 0.596884378: the ½ of the loss cannot touch out_h2
        dE_total/dw5 = 0.0821697      # a typo of 0.082167041: w5 is an output weight, sequential cannot touch it
        out_h1 = 0.593269991          # last-digit
        out_h1 = 0.5932               # truncated
        dE_o2/dout_h1 = -0.019049119  # the post's own last-digit figure
        dE_o2/dout_h1 = -0.017144288  # Taner Ünal's number: w6 for w7 comes nearer, 5 digits
        """
    static let report = try! FixtureChecker().check(FixtureReader.read(text: text, file: "closest.deriv"))

    static func result(_ printed: String) throws -> ClaimResult {
        try #require(report.results.first { $0.claim.printed == printed })
    }

    @Test func aTypoInAForwardValueGetsNoClosestMistake() throws {
        let typo = try Self.result("0.596884738")
        #expect(typo.verdict == .wrong)
        #expect(typo.explanations.isEmpty)
        #expect(typo.closest == nil, "no-half cannot change out_h2")
    }

    @Test func anOutputWeightsGradientIsNotSequential() throws {
        let typo = try Self.result("0.0821697")
        #expect(typo.verdict == .wrong)
        #expect(typo.closest == nil, "\(String(describing: typo.closest))")
    }

    @Test(arguments: ["0.593269991", "0.5932", "-0.019049119"])
    func roundingVerdictsNeedNoClosestMistake(printed: String) throws {
        let result = try Self.result(printed)
        #expect([.lastDigit, .truncated].contains(result.verdict), "\(printed): \(result.verdict)")
        #expect(result.closest == nil, "\(printed)")
    }

    @Test func aMistakeThatComesNearerIsStillNamed() throws {
        let result = try Self.result("-0.017144288")
        #expect(result.closest?.mistake == .swapped(used: "w6", replaced: "w7"))
    }

    /// The rule on plain numbers: printed 0.5, true value 0.4 (0.1 away).
    @Test func strictlyNearerAndMoved() throws {
        let printed = try DecimalLiteral(parsing: "0.5")
        #expect(ClosestMistake.helps(0.45, truth: 0.4, printed: printed))
        #expect(!ClosestMistake.helps(0.6, truth: 0.4, printed: printed), "as far as the true value: no help")
        #expect(!ClosestMistake.helps(0.3, truth: 0.4, printed: printed), "farther")
        #expect(!ClosestMistake.helps(0.4, truth: 0.4, printed: printed), "the quantity did not move")
        #expect(!ClosestMistake.helps(.nan, truth: 0.4, printed: printed))
    }

    @Test func explanationsAreDeduplicated() {
        let twice: [Mistake] = [
            .miswired(used: "w3", replaced: "w2"), .sequential, .miswired(used: "w3", replaced: "w2"),
        ]
        #expect(FixtureChecker.deduplicated(twice) == [.miswired(used: "w3", replaced: "w2"), .sequential])
        #expect(FixtureChecker.deduplicated([.negated, .signOfUpdate]).count == 2, "same name, other detail")
    }
}
