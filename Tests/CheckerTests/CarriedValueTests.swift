import Exact
import Fixture
import Foundation
import Symbolic
import Testing

@testable import Checker

/// The format's carried values: a quantity recomputed from the fixture's own claimed numbers.
@Suite struct CarriedValueTests {
    static let tutorial = try! FixtureReader.read(text: Fixture.tutorialText, file: "mazur.deriv")

    static func carried(_ fixture: Fixture, line: Int) throws -> (value: Rational, step: Int) {
        let claim = try #require(fixture.claims.first { $0.line == line })
        let carried = CarriedValue(fixture: fixture, claim: claim)
        let value = try #require(
            try fixture.model.evaluate([carried.expression], on: RationalRegisters.init(count:)).first)
        return (value, carried.evaluationStep)
    }

    static func number(_ text: String) -> Rational { try! DecimalLiteral(parsing: text).value }

    /// Rational evaluation needs no transcendental function when every input is a claimed number.
    @Test func derivativeFromClaimedFactors() throws {
        // dE_total/dw5 (line 44) = dE_total/dout_o1 · dout_o1/dnet_o1 · dnet_o1/dw5, each claimed.
        let (value, step) = try Self.carried(Self.tutorial, line: 44)
        #expect(value == Self.number("0.74136507") * Self.number("0.186815602") * Self.number("0.593269992"))
        #expect(step == 0)
    }

    /// The format: "the carried value of a quantity at step k is its claimed number if the fixture
    /// claims it at step k (the first such claim)"; make_expected.py reads it the same way.
    @Test func aRepeatedClaimCarriesTheFirst() throws {
        // out_h1 is claimed at line 33 (0.593269992) and again at line 55.
        let claim = try #require(Self.tutorial.claims.first { $0.line == 55 })
        let carried = CarriedValue(fixture: Self.tutorial, claim: claim)
        let value = try #require(
            try Self.tutorial.model.evaluate([carried.expression], on: DoubleRegisters.init(count:)).first)
        #expect(value == 0.593269992, "the first claim's number, not logistic of the claimed net_h1")
    }

    @Test func aSecondTryIsCarriedFromTheFirst() throws {
        let fixture = try FixtureReader.read(
            text: "[model]\nx = 0.3775\nout := logistic(x)\n[claims]\nout = 0.9\nout = 0.90\n", file: "r")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.map(\.verdict) == [.wrong, .carried])
    }

    @Test func anUpdateUsesStepZerosClaims() throws {
        // w5+ (line 45) = w5 − η · (claimed dE_total/dw5 at step 0), evaluated at step 0.
        let (value, step) = try Self.carried(Self.tutorial, line: 45)
        #expect(value == Self.number("0.40") - Self.number("0.5") * Self.number("0.082167041"))
        #expect(step == 0)
    }

    @Test func aSumOverPaths() throws {
        // dE_total/dout_h1 (line 54) = dE_o1/dout_h1 + dE_o2/dout_h1 claimed? No: through net_o1 and net_o2,
        // each path's factors replaced by the claimed numbers where there are some.
        let claim = try #require(Self.tutorial.claims.first { $0.line == 54 })
        let carried = CarriedValue(fixture: Self.tutorial, claim: claim)
        let value = try #require(
            try Self.tutorial.model.evaluate([carried.expression], on: DoubleRegisters.init(count:)).first)
        #expect(abs(value - 0.036350306) < 1e-8, "\(value)")
    }

    @Test func carriedVerdictOfAliCelik() throws {
        let text = try TestPaths.text(TestPaths.packageRoot.appendingPathComponent("Fixtures/readers/ali-celik.deriv"))
        let fixture = try FixtureReader.read(text: text, file: "ali")
        let claim = try #require(fixture.claims.first { $0.quantity.target == .name("out_h1") })
        let carried = CarriedValue(fixture: fixture, claim: claim)
        let value = try #require(
            try fixture.model.evaluate([carried.expression], on: DoubleRegisters.init(count:)).first)
        #expect(abs(value - 1 / (1 + exp(-0.3825))) < 1e-15, "logistic of the claimed net_h1")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.map(\.verdict) == [.wrong, .carried])
    }

    @Test func carriedIsListedWithAWarningVerdict() throws {
        // net_h1 claimed one unit off; out_h1 then claimed as logistic of that rounded number, truncated.
        let text = "[model]\nx = 0.3775\nnet := x\nout := logistic(net)\n[claims]\nnet = 0.3776\nout = 0.5933\n"
            .replacingOccurrences(of: "net := x", with: "net := x*1")
        let fixture = try FixtureReader.read(text: text, file: "c")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results[0].verdict == .lastDigit)
        // logistic(0.3775) = 0.593269992…, logistic(0.3776) = 0.593294…: 0.5933 rounds both.
        #expect(report.results[1].verdict == .exact)
    }

    @Test func onlyClaimsOfTheSameStepAreUsed() throws {
        let text = """
            [model]
            w = 1
            E := w^2
            [training]
            loss = E
            parameters = w
            rate = 0.25
            [claims]
            w = 7
            w@2 = 0.25
            E@2 = 0.0625
            """
        let fixture = try FixtureReader.read(text: text, file: "s")
        let (value, step) = try Self.carried(fixture, line: 11)
        #expect(step == 2)
        #expect(value == Self.number("0.0625"), "E@2 from w@2 = 0.25, not from w = 7")
    }
}

/// A carried value knows which claimed numbers it used, so the report can name their lines.
@Suite struct CarriedSourcesTests {
    /// Ali Çelik's out_h1 = 0.594475931 is logistic(0.3825), his own net_h1 on line 34.
    @Test func carriedNamesItsLines() throws {
        let report = try TestPaths.check(packageFile: "Fixtures/readers/ali-celik.deriv")
        let outH1 = try #require(report.results.first { $0.claim.line == 35 })
        #expect(outH1.verdict == .carried)
        #expect(outH1.carriedFrom == [34])
    }

    @Test func nothingClaimedNothingCarried() throws {
        let fixture = try FixtureReader.read(text: Fixture.tutorialText, file: "mazur.deriv")
        let first = try #require(fixture.claims.first)
        #expect(CarriedValue(fixture: fixture, claim: first).sources.isEmpty, "net_h1 uses only givens")
        let e1 = try #require(fixture.claims.first { $0.quantity.description == "E_total@1" })
        let sources = CarriedValue(fixture: fixture, claim: e1).sources
        #expect(!sources.isEmpty && sources.allSatisfy { $0 < e1.line }, "\(sources)")
    }
}
