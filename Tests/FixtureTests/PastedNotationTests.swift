import Exact
import Fixture
import Testing

/// A fixture written with the post's own notation, as users paste it (fixture format, version 2):
/// a byte-order mark, CRLF line ends, `sigmoid`, no `loss` line, `net_{h1}`, `\text{out}_{h1}`,
/// `w_5^+`, `w_{6}^{+}`, `w7⁺`, a run-together `dEo2/douth1`, U+2212 minus and `e^{…}`.
@Suite struct PastedNotationTests {
    static let lines = [
        "[network]", "layers = 2 2 2", "activation = sigmoid", "inputs = 0.05 0.10", "targets = 0.01 0.99",
        "weights = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55", "biases = 0.35 0.60",
        "[training]", "parameters = w1 w2 w3 w4 w5 w6 w7 w8", "rate = 0.5",
        "[claims]", "net_{h1} = 0.3775", "\\text{out}_{h1} = 0.593269992", "w_5^+ = 0.35891648",
        "w_{6}^{+} = 0.408666186", "w7⁺ = 0.511301270", "dEo2/douth1 = −0.019049119",
        "E_{total} = 0.298371109", "out_{o1} == 1/(1+e^{-net_{o1}})",
    ]

    static func read() throws -> Fixture {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r\n").utf8)
        return try FixtureReader.read(bytes: bytes, file: "pasted.deriv")
    }

    @Test func readsWithoutAnError() throws {
        let fixture = try Self.read()
        #expect(
            fixture.claims.map(\.quantity.description) == [
                "net_h1", "out_h1", "w5+", "w6+", "w7+", "dE_o2/dout_h1", "E_total", "out_o1",
            ])
        #expect(fixture.training?.loss == "E_total", "the loss defaults to half-squared when targets are given")
        #expect(fixture.network?.activations == [.logistic])
        #expect(fixture.claims[5].literal?.value == -(Rational(19_049_119) / Rational(1_000_000_000)))
        #expect(fixture.claims[5].printed == "−0.019049119", "the printed text stays as written")
        guard case .formula(let formula) = fixture.claims[7].kind else {
            Issue.record("out_o1 == … is a formula")
            return
        }
        #expect(formula.description == "1/(1 + exp(-net_o1))")
    }

    @Test func identityIsLinear() throws {
        let text = "[network]\nlayers = 1 1\nactivation = identity\ninputs = 1\nweights = 2\n[claims]\nout_o1 = 2\n"
        #expect(try FixtureReader.read(text: text, file: "f").network?.activations == [.linear])
    }
}
