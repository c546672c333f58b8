import Exact
import Symbolic
import Testing

/// `Model.derivative(of:by:)` and `Model.certify` against `Resources/derivatives.tsv` and
/// `Resources/values.tsv` (sympy at 60 digits, rounded to 50; see `make_derivatives.py`).
@Suite("Derivatives of the reference fixtures")
struct DerivativeTests {
    static let fixtures = [
        "tutorial.deriv", "equations.deriv", "tanh-logistic.deriv", "relu.deriv",
        "two-hidden.deriv", "per-neuron-bias.deriv", "softplus-linear.deriv",
    ]
    static let digits = 40

    /// The reference rounded to 40 significant digits, the way `certify` writes it.
    static func expected(_ reference: String) throws -> String {
        let value = try #require(Rational(reference), "unreadable reference \(reference)")
        return value.formatted(significantDigits: digits)
    }

    @Test func everyFixtureHasReferenceRows() throws {
        let derivatives = Set(try FixtureModels.rows("derivatives.tsv").map { $0[0] })
        let values = Set(try FixtureModels.rows("values.tsv").map { $0[0] })
        #expect(derivatives == Set(Self.fixtures))
        #expect(values == Set(Self.fixtures))
        #expect(try FixtureModels.rows("derivatives.tsv").count == 239)
    }

    @Test(arguments: fixtures)
    func derivativesMatchTheReference(fixture: String) throws {
        let model = try FixtureModels.model(fixture)
        let rows = try FixtureModels.rows("derivatives.tsv").filter { $0[0] == fixture }
        #expect(!rows.isEmpty)
        let expressions = try rows.map { row in try model.derivative(of: row[1], by: row[2]) }
        let certified = try model.certify(expressions, significantDigits: Self.digits)
        for (row, value) in zip(rows, certified) {
            #expect(value.digits == (try Self.expected(row[3])), "\(fixture) d\(row[1])/d\(row[2])")
            // The Double beside it agrees to about 12 digits (these are small, well-conditioned nets).
            let reference = try #require(Rational(row[3])).doubleValue
            #expect(
                abs(value.double - reference) <= 1e-12 * max(abs(reference), 1e-300)
                    || (reference == 0 && value.double == 0),
                "\(fixture) d\(row[1])/d\(row[2]): Double \(value.double) vs \(reference)")
        }
    }

    @Test(arguments: fixtures)
    func valuesMatchTheReference(fixture: String) throws {
        let model = try FixtureModels.model(fixture)
        let rows = try FixtureModels.rows("values.tsv").filter { $0[0] == fixture }
        // Every definition of the model has a reference value.
        #expect(Set(rows.map { $0[1] }) == Set(model.definitionOrder))
        let certified = try model.certify(rows.map { .name($0[1]) }, significantDigits: Self.digits)
        for (row, value) in zip(rows, certified) {
            #expect(value.digits == (try Self.expected(row[2])), "\(fixture) \(row[1])")
        }
    }

    @Test func equationsAndNetworkGiveTheSameModel() throws {
        let network = try FixtureModels.model("tutorial.deriv")
        let equations = try FixtureModels.model("equations.deriv")
        let coded = try TutorialModel.make()
        #expect(Set(network.definitionOrder) == Set(equations.definitionOrder))
        #expect(network.givens == equations.givens)
        #expect(network.givens == coded.givens)
        for name in network.definitionOrder {
            #expect(network.definitions[name] == equations.definitions[name], "\(name)")
            #expect(network.definitions[name] == coded.definitions[name], "\(name)")
        }
    }

    @Test func deadReluNeuronHasExactlyZeroGradient() throws {
        let model = try FixtureModels.model("relu.deriv")
        // net_h1 = -0.4: relu′ is 0 there, so w1…w3 get exactly zero, certified without escalation.
        let zeros = try model.certify(
            ["w1", "w2", "w3"].map { try model.derivative(of: "E_total", by: $0) }, significantDigits: 40)
        #expect(zeros.map(\.digits) == ["0", "0", "0"])
        #expect(zeros.allSatisfy { $0.precision == Escalation.standard.initial })
    }

    @Test func derivativeByItselfAndUnrelated() throws {
        let model = try FixtureModels.model("two-hidden.deriv")
        #expect(try model.derivative(of: "out_o1", by: "w16") == 0)
        #expect(try model.derivative(of: "out_o2", by: "w16") != 0)
        #expect(try model.derivative(of: "out_h2_1", by: "net_h2_1") == .name("out_h2_1") * (1 - .name("out_h2_1")))
    }
}
