import Checker
import Exact
import Fixture
import Testing

/// Fixtures read and then checked: what well-formed notations and sections come to in verdicts.
@Suite struct ReadAndCheckTests {
    @Test func derivativeNotationsAreOneQuantity() throws {
        let text = """
            [model]
            x = 2
            y := x^2
            dx = 1
            [claims]
            dy/dx = 4
            ∂y/∂x = 4
            d(y)/d(x) = 4
            d( y )/d( x ) = 4
            dy/dx@0 = 4
            y = 4
            dx = 1
            """
        let fixture = try FixtureReader.read(text: text, file: "f.deriv")
        let quantities = fixture.claims.map(\.quantity.target)
        #expect(Array(quantities.prefix(5)) == Array(repeating: .derivative(of: "y", by: "x"), count: 5))
        #expect(quantities[5] == .name("y"))
        #expect(quantities[6] == .name("dx"), "a given named dx is a name")
        #expect(fixture.claims[4].quantity.description == "dy/dx@0")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.allSatisfy { $0.verdict == .exact })
    }

    @Test func steps() throws {
        let text = """
            [model]
            w = 1
            E := w^2
            [training]
            loss = E
            parameters = w
            rate = 1/4
            [claims]
            w+ = 0.5
            w@1 = 0.5
            w@2 = 0.25
            E@0 = 1
            dE/dw@1 = 1
            w+ == w - 1/4*dE/dw
            """
        let fixture = try FixtureReader.read(text: text, file: "f.deriv")
        #expect(fixture.claims.map(\.quantity.step) == [1, 1, 2, 0, 1, 1])
        #expect(fixture.claims.map(\.quantity.description) == ["w+", "w@1", "w@2", "E@0", "dE/dw@1", "w+"])
        if case .number(let rate)? = fixture.training?.rate {
            #expect(rate == Rational(1) / Rational(4))
        } else {
            Issue.record("a number")
        }
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.map(\.verdict) == [.exact, .exact, .exact, .exact, .exact, .equal])
        #expect(!report.hasFindings)
    }

    @Test func sectionsInAnyOrderAndModelExtendsNetwork() throws {
        let text = """
            [claims]
            twice = 0.7550         # uses a generated name
            [model]
            twice := 2*net_h1
            \(TestFixtures.tutorialNetwork)
            """
        let fixture = try FixtureReader.read(text: text, file: "f.deriv")
        #expect(fixture.claims.first?.note == "uses a generated name")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.first?.verdict == .exact)
        #expect(fixture.lines["twice"] == 4)
    }

    @Test func emptyClaimsSectionIsFine() throws {
        let fixture = try FixtureReader.read(text: "[model]\nx = 1\n[claims]\n", file: "f.deriv")
        #expect(fixture.claims.isEmpty)
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.isEmpty)
        #expect(!report.hasFindings)
    }

    @Test func repeatedClaimsAreEachJudged() throws {
        let fixture = try FixtureReader.read(
            text: "[model]\nx := 1/3\n[claims]\nx = 0.333\nx = 0.334\nx = 0.3333\n", file: "f.deriv")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.map(\.verdict) == [.exact, .lastDigit, .exact])
    }
}
