import Exact
import Fixture
import Foundation
import Symbolic
import Testing

/// Reading well-formed fixtures: what each line becomes (the malformed ones are in MalformedFixtureTests).
@Suite struct FixtureReaderTests {
    static let tutorial = try! FixtureReader.read(text: Fixture.tutorialText, file: "mazur.deriv")

    /// A section header whose only quote is its last character (found by the check fuzzer, which
    /// crashed the reader with it) is an unknown section, reported like any other.
    @Test func headerEndingInALoneQuote() {
        for header in ["[clrs     = 2 3 2\"]", "[claims \"]", "[\"]"] {
            let text = "[model]\nx = 1\n\(header)\n[claims]\nx = 1\n"
            #expect(throws: FixtureError.self) { try FixtureReader.read(text: text, file: "quote.deriv") }
        }
        let grouped = try? FixtureReader.read(text: "[model]\nx = 1\n[claims \"\"]\nx = 1\n", file: "quote.deriv")
        #expect(grouped?.claims.count == 1, "two quotes still make a group, even an empty one")
    }

    @Test func tutorialModel() {
        let fixture = Self.tutorial
        #expect(fixture.claims.count == 60)
        #expect(fixture.model.givens["w5"] == Rational(2) / Rational(5))
        #expect(fixture.model.givens["η"] == Rational.half)
        #expect(fixture.model.definitions["E_total"] != nil)
        #expect(fixture.network?.layers == [2, 2, 2])
        #expect(fixture.training?.parameters == (1...8).map { "w\($0)" })
        #expect(fixture.training?.loss == "E_total")
        if case .name(let rate)? = fixture.training?.rate {
            #expect(rate == "η")
        } else {
            Issue.record("rate is the name η")
        }
        #expect(fixture.lines["η"] == 24)
        #expect(fixture.lines["w1"] == 13, "names the network generates are at its header")
    }

    @Test func claimsKeepTheirTextNotesAndLines() throws {
        let first = try #require(Self.tutorial.claims.first)
        #expect(first.line == 32)
        #expect(first.printed == "0.3775")
        #expect(first.quantity == Quantity(.name("net_h1")))
        #expect(first.note?.hasPrefix("The Forward Pass:") == true)
        #expect(first.literal?.significantDigits == 4)
        let w7 = try #require(Self.tutorial.claims.first { $0.line == 47 })
        #expect(w7.printed == "0.511301270", "trailing zeros are part of the claim")
        #expect(w7.literal?.lastPlace == -9)
        #expect(w7.quantity == Quantity(.name("w7"), step: 1, notation: .plus))
        #expect(w7.quantity.description == "w7+")
        let formula = try #require(Self.tutorial.claims.first { $0.line == 93 })
        if case .formula = formula.kind {} else { Issue.record("line 93 is a formula") }
        #expect(formula.printed == "w1 - η*dE_total/dw1")
    }

    @Test func numbersAreReadExactly() throws {
        let fixture = try FixtureReader.read(
            text: "[model]\na = .5\nb = 3.51085e-5\nc = 1/3\nd = -12\ne = 0.1\n[claims]\na = 0.5\n", file: "f.deriv")
        let givens = fixture.model.givens
        #expect(givens["a"] == Rational.half)
        #expect(givens["b"] == Rational(351085) / Rational(10_000_000_000))
        #expect(givens["c"] == Rational(1) / Rational(3))
        #expect(givens["d"] == Rational(-12))
        #expect(givens["e"] == Rational(1) / Rational(10), "never through a Double")
    }

    @Test func generatedNamesOfTwoHiddenLayersAndPerNeuronBiases() throws {
        let text =
            "[network]\nlayers = 2 3 2 1\nactivation = tanh relu logistic\ninputs = 1 2\ntargets = 1\n"
            + "weights = " + (1...(6 + 6 + 2)).map { "0.\($0)" }.joined(separator: " ") + "\n"
            + "biases = " + (1...6).map { "0.0\($0)" }.joined(separator: " ")
            + "\nbias = per-neuron\nloss = cross-entropy\n"
        let fixture = try FixtureReader.read(text: text, file: "f.deriv")
        let model = fixture.model
        for name in ["h1_1", "h1_2", "h1_3", "h2_1", "h2_2", "o1"] {
            #expect(
                model.contains("net_" + name) && model.contains("out_" + name) && model.contains("b_" + name), "\(name)"
            )
        }
        #expect(model.contains("w14") && !model.contains("w15"))
        #expect(model.contains("E_o1") && model.contains("E_total") && model.contains("target_o1"))
    }

    @Test func columnsOfGreekNamesInErrors() {
        do {
            _ = try FixtureReader.read(text: "[model]\nθ = 1\nσσ := σ(θ) + ∂θ\n", file: "g.deriv")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.first?.line == 3)
            #expect(error.diagnostics.first?.column ?? 0 >= 14, "\(error)")
        }
    }

    @Test func bytesAndTextAgree() throws {
        let fromBytes = try FixtureReader.read(bytes: Array(Fixture.tutorialText.utf8), file: "m")
        #expect(fromBytes.claims.map(\.printed) == Self.tutorial.claims.map(\.printed))
        #expect(fromBytes.claims.map(\.line) == Self.tutorial.claims.map(\.line))
    }
}
