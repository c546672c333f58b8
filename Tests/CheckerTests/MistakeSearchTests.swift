import Exact
import Fixture
import Foundation
import Testing

@testable import Checker

/// Which mistakes reproduce a printed number: each reader's error, named.
@Suite struct MistakeSearchTests {
    static func report(_ relative: String) throws -> FileReport { try TestPaths.check(packageFile: relative) }

    @Test func tutorialMistakes() throws {
        let report = try Self.report("Fixtures/mazur-2015.deriv")
        func explanations(_ line: Int) -> [Mistake] {
            report.results.first { $0.claim.line == line }?.explanations ?? []
        }
        #expect(explanations(63).contains(.sequential))
        #expect(explanations(64).contains(.offByOne(step: 9999)))
        #expect(explanations(65).contains(.sequential))
        #expect(explanations(66).contains(.sequential))
        #expect(explanations(32).isEmpty, "an exact claim needs no explanation")
        let last = try #require(report.results.first { $0.claim.line == 53 })
        #expect(last.verdict == .lastDigit)
        #expect(last.explanations.isEmpty)
        #expect(last.closest == nil, "a last-digit number is explained by its verdict: no closest mistake")
    }

    @Test func signOfTheUpdate() throws {
        let report = try Self.report("Fixtures/readers/prometheusgr.deriv")
        for result in report.results {
            #expect(result.explanations == [.signOfUpdate], "\(result.claim.quantity)")
        }
    }

    @Test func biasesTrained() throws {
        let report = try Self.report("Fixtures/readers/oleg-biases.deriv")
        #expect(report.results.allSatisfy { $0.explanations == [.biasesTrained] })
    }

    @Test func miswiredForwardPass() throws {
        let report = try Self.report("Fixtures/readers/ali-celik.deriv")
        let names = report.results[0].explanations
        #expect(names.contains(.miswired(used: "w3", replaced: "w2")))
        #expect(names.allSatisfy { $0.name == "miswired" })
    }

    @Test func closestWhenNothingReproduces() throws {
        let report = try Self.report("Fixtures/readers/taner-unal.deriv")
        let result = try #require(report.results.first)
        #expect(result.verdict == .wrong)
        #expect(result.explanations.isEmpty)
        let closest = try #require(result.closest)
        #expect(closest.mistake == .swapped(used: "w6", replaced: "w7"))
        #expect(closest.agreeingDigits >= 5)
    }

    @Test func negatedQuantity() throws {
        let text = "[model]\nx = 0.25\ny := x - 1\n[claims]\ny = 0.75\n"
        let report = try FixtureChecker().check(FixtureReader.read(text: text, file: "n"))
        #expect(report.results.first?.verdict == .wrong)
        #expect(report.results.first?.explanations == [.negated])
        #expect(Mistake.negated.name == "sign")
    }

    @Test func noHalf() throws {
        let text = """
            \(TestFixtures.tutorialNetwork)
            [claims]
            E_total = 0.596742218
            """
        let report = try FixtureChecker().check(FixtureReader.read(text: text, file: "h"))
        #expect(report.results.first?.verdict == .wrong)
        #expect(
            report.results.first?.explanations.contains(.noHalf) == true, "\(report.results.first?.explanations ?? [])")
    }

    @Test func screening() {
        let literal = try! DecimalLiteral(parsing: "0.291027924")
        #expect(MistakeSearch.isNear(0.2910279241, literal))
        #expect(!MistakeSearch.isNear(0.2910277737, literal))
        #expect(!MistakeSearch.isNear(.nan, literal))
        #expect(MistakeSearch.agreeingDigits(0.2910277737, literal) == 6)
        #expect(MistakeSearch.agreeingDigits(0.291027924, literal) == 9)
        #expect(MistakeSearch.agreeingDigits(.infinity, literal) == 0)
    }

    @Test func mistakeNamesAndDetails() {
        #expect(Mistake.offByOne(step: 1).detail == "value after 1 step")
        #expect(Mistake.offByOne(step: 9999).detail == "value after 9999 steps")
        #expect(Mistake.swapped(used: "w6", replaced: "w7").detail == "w6 used for w7 in the derivatives")
        #expect(Mistake.exchanged("w6", "w7").name == "swapped")
        #expect(Mistake.signOfUpdate.name == "sign")
        #expect(Mistake.noActivationDerivative.name == "no-activation-derivative")
        #expect(Mistake.carried.description == "carried: computed from the fixture's own rounded numbers")
    }
}
