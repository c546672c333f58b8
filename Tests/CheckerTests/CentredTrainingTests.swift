import Exact
import Fixture
import Foundation
import Testing

@testable import Checker

/// Re-centred training (`CentredTraining`): its enclosures against references made without it.
@Suite("Centred training")
struct CentredTrainingTests {
    /// `long_training.tsv` (`make_long_training.py`, mpmath at 80 digits): steps, E_total, out_o1, out_o2.
    static let reference: [[String]] =
        (try? TestPaths.tsv(TestPaths.resources.appendingPathComponent("long/long_training.tsv"))) ?? []

    static let tutorialHead: String = {
        let text = Fixture.tutorialText
        guard let claims = text.range(of: "[claims]") else { return text }
        return String(text[..<claims.upperBound]) + "\n"
    }()

    @Test func referenceIsThere() { #expect(Self.reference.count == 2) }

    /// Claims after 20,000 and 30,000 steps (long training: re-centred) are certified, and the exact
    /// column's digits are the reference's, rounded.
    @Test func tutorialAfterThirtyThousandStepsMatchesMpmath() throws {
        var claims = ""
        for row in Self.reference where row.count == 4 {
            claims += "E_total@\(row[0]) = \(Digits.rounded(row[1], significant: 10))\n"
            claims += "out_o1@\(row[0]) = \(Digits.rounded(row[2], significant: 12))\n"
        }
        let fixture = try FixtureReader.read(text: Self.tutorialHead + claims, file: "long.deriv")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.count == 4)
        for (result, row) in zip(report.results, Self.reference.flatMap { [($0, 1), ($0, 2)] }) {
            #expect(result.verdict == .exact, "\(result.claim.quantity)")
            let shown = try #require(result.certifiedDigits)
            let count = Digits.parse(shown)?.digits.count ?? 0
            #expect(count >= 14, "at least the printed digits and two more: \(shown)")
            #expect(Digits.rounded(shown, significant: count) == Digits.rounded(row.0[row.1], significant: count))
        }
    }

    /// `DERIVCHECK_CENTRED_CASES=N` runs N random nets (default 6).
    static let cases = Int(ProcessInfo.processInfo.environment["DERIVCHECK_CENTRED_CASES"] ?? "") ?? 6

    /// Random smooth nets trained a few hundred steps re-centred at 128 bits: every parameter's
    /// widened enclosure holds the whole enclosure of plain balls at 1,024 bits (which holds the
    /// exact value).
    @Test(arguments: 0..<cases)
    func randomSmoothNetsStayEnclosed(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 17)
        let fixture = try FixtureReader.read(text: Self.randomNet(&random), file: "random.deriv")
        let scenario = try Scenario(fixture: fixture)
        let steps = 150 + seed % 6 * 40
        let centred = try TrainingStep(scenario: scenario) { RationalBallRegisters(count: $0, precision: 128) }
        let centring = try #require(CentredTraining(scenario: scenario, training: centred))
        let plain = try TrainingStep(scenario: scenario) { BallRegisters(count: $0, precision: 1024) }
        do {
            for step in 0..<steps {
                try centred.advance(from: step)
                try centring.stepped(at: step + 1)
                try plain.advance(from: step)
            }
            try centring.close(at: steps)
        } catch {
            // A step the bound cannot prove sends the run back to plain balls: allowed, but not for
            // the default nets, which must exercise the bound.
            #expect(seed >= 6, "\(error.message)")
            return
        }
        #expect(centring.error > 0 && centring.error < 1e-20, "narrow: \(centring.error)")
        let copy = RationalBallRegisters(count: 1, precision: 128)
        for (name, register) in centred.parameters {
            copy.set(centred.registers.value(at: register), at: 0)
            centring.widen(copy, at: 0)
            let widened = copy.value(at: 0).ball
            let truth = try #require(plain.parameters[name].map { plain.registers.value(at: $0) })
            #expect(widened.lower <= truth.lower && truth.upper <= widened.upper, "\(name) after \(steps) steps")
        }
    }

    /// Steps whose Jacobian is not `I − η·H` with a smooth loss are trained the plain way.
    @Test func notForReluOrATrainedRate() throws {
        let relu = Self.tutorialHead.replacingOccurrences(of: "activation = logistic", with: "activation = relu")
        let trainedRate = Self.tutorialHead.replacingOccurrences(
            of: "parameters = w1 w2 w3 w4 w5 w6 w7 w8", with: "parameters = w1 w2 w3 w4 w5 w6 w7 w8 η")
        for (text, why) in [(relu, "relu is not smooth"), (trainedRate, "the rate is trained")] {
            #expect(text != Self.tutorialHead)
            let scenario = try Scenario(fixture: FixtureReader.read(text: text, file: "plain.deriv"))
            let training = try TrainingStep(scenario: scenario) { RationalBallRegisters(count: $0, precision: 128) }
            #expect(CentredTraining(scenario: scenario, training: training) == nil, "\(why)")
        }
    }

    /// A 2-3-2 net with one smooth activation, random weights, biases and rate, all weights trained.
    static func randomNet(_ random: inout SplitMix64) -> String {
        func decimal(_ random: inout SplitMix64, _ range: ClosedRange<Int>) -> String {
            let value = range.lowerBound + Int(random.next() % UInt64(range.count))
            return (value < 0 ? "-" : "") + "0." + String(format: "%02d", abs(value))
        }
        let activation = ["logistic", "tanh", "softplus"][Int(random.next() % 3)]
        let weights = (0..<12).map { _ in decimal(&random, -90...90) }
        return """
            [network]
            layers     = 2 3 2
            activation = \(activation)
            inputs     = \(decimal(&random, -90...90)) \(decimal(&random, -90...90))
            targets    = \(decimal(&random, 5...95)) \(decimal(&random, 5...95))
            weights    = \(weights.joined(separator: " "))
            biases     = \(decimal(&random, -50...50)) \(decimal(&random, -50...50))
            bias       = shared
            [training]
            loss       = E_total
            parameters = \((1...12).map { "w\($0)" }.joined(separator: " "))
            rate       = 0.\(10 + Int(random.next() % 80))

            """
    }
}
