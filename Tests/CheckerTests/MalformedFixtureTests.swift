import Checker
import Fixture
import Foundation
import Testing

/// The catalogue of malformed fixtures: each is fixture text and every error line it must give,
/// in order, as `FILE:LINE:COLUMN: error: MESSAGE`.
@Suite struct MalformedFixtureTests {
    static let network = """
        [network]
        layers     = 2 2 2
        inputs     = 0.05 0.10
        targets    = 0.01 0.99
        weights    = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55
        biases     = 0.35 0.60
        loss       = half-squared

        """
    static let training = """
        [training]
        loss       = E_total
        parameters = w1 w2 w3 w4 w5 w6 w7 w8
        rate       = 0.5

        """
    /// Lines 1–7 are the network, 8–11 the training, 12 is `[claims]`: a claim added is line 13.
    static let trained = network + training + "[claims]\n"
    /// The "did you mean" list of an unknown weight: every weight, none cut.
    static let weights = "'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var errors: [String]
        var testDescription: String { name }
        init(_ name: String, _ text: String, _ errors: [String]) {
            self.name = name
            self.text = text
            self.errors = errors.map { "f.deriv:" + $0 }
        }
    }

    /// A [network] without inputs or targets, which a [data] section gives (lines 1–6).
    static let dataNetwork = """
        [network]
        layers     = 2 2 2
        weights    = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55
        biases     = 0.35 0.60
        [data]
        i1    i2    target_o1  target_o2

        """

    static let cases: [Case] = [
        Case(
            "a [data] row too short", dataNetwork + "0.05  0.10  0.01  0.99\n0.10  0.20  0.50\n",
            ["8:1: error: expected 4 values, one per name of the header at line 6, found 3"]),
        Case(
            "several samples and no reduction",
            dataNetwork + "0.05  0.10  0.01  0.99\n0.10  0.20  0.50  0.50\n[training]\nparameters = w5\nrate = 0.5\n",
            [
                "9:1: error: [training] needs 'reduction = sum' or 'reduction = mean': how the losses of the [data]'s 2 samples combine"
            ]),
        Case(
            "a sample's quantity claimed without [s]",
            dataNetwork + "0.05  0.10  0.01  0.99\n0.10  0.20  0.50  0.50\n[claims]\nout_o1 = 0.75\nout_o1[3] = 0.75\n",
            [
                "10:1: error: out_o1 differs between the [data]'s 2 samples: claim it on one, such as out_o1[1]",
                "11:1: error: no sample 3: the [data] has 2 samples",
            ]),
        Case(
            "decimal comma in a given", "[model]\nx = 0,298371109\n",
            [
                "2:5: error: expected a number, found '0,298371109': a decimal comma: write '0.298371109' with a decimal point; to define a quantity by a formula write ':='"
            ]),
        Case(
            "decimal comma in a claim", trained + "E_total = 0,298371109\n",
            [
                "13:11: error: expected a number after '=', found '0,298371109': a decimal comma: write '0.298371109' with a decimal point; to claim a formula write '=='"
            ]),
        Case(
            "a misspelt name is one error, wherever it is used",
            trained + "E_totl = 0.298371109\nE_totl@1 = 0.291027924\ndE_totl/dw5 = 0.082167041\n",
            [
                "13:1: error: unknown name 'E_totl' in the claim; did you mean 'E_total', 'net_o1', 'net_o2', 'E_o1', 'E_o2'? (also used at lines 14, 15)"
            ]),
        Case(
            "an ambiguous name", "[model]\na_b = 1\nab = 2\n[claims]\na_{b} = 1\n",
            ["5:1: error: ambiguous name 'a_{b}' in the claim; it could be any of 'a_b', 'ab'"]),
        Case(
            "unknown section", "[modle]\nx = 1\n[model]\ny = 2\n",
            ["1:1: error: unknown section '[modle]'; expected one of [model], [network], [data], [training], [claims]"]),
        Case(
            "unclosed section header", "[model\nx = 1\n",
            ["1:1: error: unknown section '[model'; expected one of [model], [network], [data], [training], [claims]"]),
        Case(
            "line before any section", "x = 1\n[model]\ny = 2\n",
            ["1:1: error: expected a section header such as [model] or [claims] before this line"]),
        Case(
            "bad number", "[model]\nx = 0.5.5\n",
            [
                "2:8: error: expected a number, found '0.5.5': unexpected '.' in number; to define a quantity by a formula write ':='"
            ]),
        Case(
            "number with letters", "[model]\nx = 12abc\n",
            [
                "2:7: error: expected a number, found '12abc': unexpected 'a' in number; to define a quantity by a formula write ':='"
            ]),
        Case(
            "zero denominator", "[model]\nx = 1/0\n",
            [
                "2:5: error: expected a number, found '1/0': zero denominator in fraction; to define a quantity by a formula write ':='"
            ]),
        Case(
            "undefined name in a definition", "[model]\nx = 1\ny := x + z\n[claims]\ny = 1\n",
            ["3:10: error: unknown name 'z' in the definition of 'y'; did you mean 'x', 'y'?"]),
        Case(
            "cycle", "[model]\na := b + 1\nb := a * 2\n[claims]\na = 1\n",
            ["2:6: error: definitions form a cycle: a → b → a"]),
        Case(
            "duplicate name in [model]", "[model]\nx = 1\nx = 2\n",
            ["3:1: error: duplicate name 'x': already given or defined at line 2"]),
        Case(
            "given that [network] generates", network + "[model]\nw1 = 3\n",
            ["9:1: error: duplicate name 'w1': [network] at line 1 already generates it"]),
        Case(
            "definition that [network] generates", network + "[model]\nout_h1 := 3\n",
            ["9:1: error: duplicate name 'out_h1': [network] at line 1 already generates it"]),
        Case(
            "invalid name", "[model]\n2x = 1\n",
            ["2:1: error: '2x' is not a valid name: expected a letter or '_', then letters, digits or '_'"]),
        Case(
            "derivative by an unknown name", network + "[claims]\ndE_total/dw9 = 1\n",
            ["9:10: error: unknown name 'w9' in the claim; did you mean \(Self.weights)?"]),
        Case(
            "∂ derivative by an unknown name", network + "[claims]\n∂E_total/∂w9 = 1\n",
            ["9:1: error: unknown name 'w9' in the claim; did you mean \(Self.weights)?"]),
        Case(
            "d() derivative of an unknown name", network + "[claims]\nd(E)/d(w1) = 1\n",
            ["9:1: error: unknown name 'E' in the claim; did you mean 'E_o1', 'E_o2', 'E_total', 'i1', 'i2'?"]),
        Case(
            "unknown derivative in a formula", network + "[claims]\nout_h1 == dE_total/dw9\n",
            [
                "9:20: error: unknown name 'w9' (written 'dw9' in a derivative dA/dB); did you mean \(Self.weights)?"
            ]),
        Case(
            "step @-1", trained + "E_total@-1 = 1\n",
            ["13:9: error: expected a step count (a whole number from 0 to 1000000) after '@', found '-1'"]),
        Case(
            "step @99999999999", trained + "E_total@99999999999 = 1\n",
            ["13:9: error: step 99999999999 is beyond the limit of 1000000 training steps"]),
        Case(
            "step @1000001", trained + "E_total@1000001 = 1\n",
            ["13:9: error: step 1000001 is beyond the limit of 1000000 training steps"]),
        Case(
            "@ with nothing", trained + "E_total@ = 1\n",
            ["13:9: error: expected a step count (a whole number from 0 to 1000000) after '@', found ''"]),
        Case(
            "step without [training]", network + "[claims]\nE_total@1 = 1\n",
            ["9:1: error: a claim after training (E_total@1) needs a [training] section"]),
        Case(
            "unbalanced (", "[model]\nx = 1\ny := (x + 1\n",
            ["3:12: error: unbalanced '(': expected ')' to close the '(' at column 6"]),
        Case(
            "unbalanced )", "[model]\nx = 1\ny := x + 1)\n",
            ["3:11: error: unbalanced ')': no '(' to close"]),
        Case(
            "unknown function", "[model]\nx = 1\ny := foo(x)\n",
            [
                "3:6: error: unknown function 'foo'; expected one of logistic, sigmoid, σ, exp, log, tanh, relu, softplus, sqrt"
            ]),
        Case(
            "non-integer exponent", "[model]\nx = 2\ny := x^0.5\n",
            ["3:8: error: expected an integer exponent (at most 1000000) after '^'"]),
        Case(
            "empty file", "",
            ["1:1: error: empty fixture: expected a [model] or [network] section and a [claims] section"]),
        Case(
            "only comments", "# just a comment\n   # another\n\n",
            ["1:1: error: empty fixture: expected a [model] or [network] section and a [claims] section"]),
        Case(
            "missing =", "[model]\nx 1\n",
            ["2:1: error: expected 'name = NUMBER' or 'name := EXPRESSION'"]),
        Case(
            "claim without =", "[model]\nx = 1\n[claims]\n  x 1\n",
            ["4:3: error: expected 'QUANTITY = NUMBER' or 'QUANTITY == FORMULA'"]),
        Case(
            "formula claim with a step", trained + "out_h1@2 == 1\n",
            [
                "13:1: error: formula claims take no step; only 'p+' for a trained parameter p may be claimed as a formula"
            ]),
        Case(
            "p+ formula for a name that is not trained", trained + "b1+ == b1\n",
            ["13:1: error: 'b1+' as a formula needs 'b1' to be a trained parameter (trained: w1 w2 w3 w4 w5 w6 w7 w8)"]),
        Case(
            "[training] parameter that is a definition",
            network + "[training]\nloss = E_total\nparameters = w1 out_h1\nrate = 0.5\n",
            ["10:17: error: 'out_h1' is defined by a formula; only givens can be trained"]),
        Case(
            "[training] parameter listed twice",
            network + "[training]\nloss = E_total\nparameters = w1 w1\nrate = 0.5\n",
            ["10:17: error: parameter 'w1' is listed twice"]),
        Case(
            "unknown [training] key",
            network + "[training]\nloss = E_total\nparameters = w1\nrate = 0.5\nmomentum = 0.9\n",
            [
                "12:1: error: unknown key 'momentum' in [training]; expected one of loss, parameters, rate, batch, reduction"
            ]),
        Case(
            "[training] without its keys", "[model]\nx = 1\n[training]\n",
            [
                "3:1: error: [training] needs 'loss = NAME' (the model defines no E_total)",
                "3:1: error: [training] needs 'parameters = NAME …'",
                "3:1: error: [training] needs 'rate = NUMBER'",
            ]),
        Case(
            "unknown loss and rate", "[model]\nx = 1\ny := x^2\n[training]\nloss = nope\nparameters = x\nrate = fast\n",
            [
                "5:8: error: unknown loss 'nope'; did you mean 'x', 'y'?",
                "7:8: error: expected a learning rate: a number or the name of a given, found 'fast'",
            ]),
        Case(
            "unknown [network] key", "[network]\nlayers = 2 2\ninputs = 1 2\nweights = 1 2 3 4\nlearning = 1\n",
            [
                "5:1: error: unknown key 'learning' in [network]; expected one of layers, activation, inputs, targets, weights, biases, bias, loss, numbering"
            ]),
        Case(
            "[network] key set twice", "[network]\nlayers = 2 2\nlayers = 2 2\ninputs = 1 2\nweights = 1 2 3 4\n",
            ["3:1: error: 'layers' is set twice in [network] (first at line 2)"]),
        Case(
            "wrong weight count",
            "[network]\nlayers = 2 2 2\ninputs = 1 2\ntargets = 1 0\nweights = 1 2 3\nloss = squared\n",
            ["5:11: error: expected 8 weights for layers 2 2 2, found 3"]),
        Case(
            "wrong input count", "[network]\nlayers = 2 2\ninputs = 1 2 3\nweights = 1 2 3 4\n",
            ["3:10: error: expected 2 inputs for an input layer of 2, found 3"]),
        Case(
            "wrong bias count", "[network]\nlayers = 2 2\ninputs = 1 2\nweights = 1 2 3 4\nbiases = 1 2 3\n",
            ["5:10: error: expected 1 biases (shared), found 3"]),
        Case(
            "layer size 0", "[network]\nlayers = 2 0 2\ninputs = 1 2\nweights = 1 2 3 4\n",
            ["2:12: error: expected a layer size (a whole number from 1 to 100000), found '0'"]),
        Case(
            "layer size not a number", "[network]\nlayers = 2 x 2\ninputs = 1 2\nweights = 1 2 3 4\n",
            ["2:12: error: expected a layer size (a whole number from 1 to 100000), found 'x'"]),
        Case(
            "unknown activation", "[network]\nlayers = 2 2\nactivation = sigmoidal\ninputs = 1 2\nweights = 1 2 3 4\n",
            [
                "3:14: error: unknown activation 'sigmoidal'; expected one of logistic, tanh, relu, softplus, linear, softmax"
            ]),
        Case(
            "unknown bias mode", "[network]\nlayers = 2 2\ninputs = 1 2\nweights = 1 2 3 4\nbias = per-layer\n",
            ["5:8: error: unknown bias 'per-layer'; expected one of shared, per-neuron"]),
        Case(
            "two losses",
            "[network]\nlayers = 2 2\ninputs = 1 2\ntargets = 1 1\nweights = 1 2 3 4\nloss = squared half-squared\n",
            ["6:8: error: expected one word for 'loss'"]),
        Case(
            "input that is not a number", "[network]\nlayers = 2 2\ninputs = 1 x\nweights = 1 2 3 4\n",
            ["3:12: error: expected numbers for 'inputs', found 'x': unexpected 'x' in number"]),
        Case(
            "loss without targets", "[network]\nlayers = 2 2\ninputs = 1 2\nweights = 1 2 3 4\nloss = squared\n",
            ["5:8: error: expected targets: the loss needs them"]),
        Case(
            "[network] without inputs and weights", "[network]\nlayers = 2 2\n",
            [
                "1:1: error: [network] needs 'inputs = …', or a [data] section whose header names them",
                "1:1: error: [network] needs 'weights = …'",
            ]),
        Case(
            "second [network]", "[network]\nlayers=2 2\ninputs=1 2\nweights=1 2 3 4\n[network]\n",
            ["5:1: error: a second [network] section; a fixture has at most one"]),
        Case("name = with no value", "[model]\nx = \n", ["2:4: error: expected a number after '='"]),
        Case(":= with no expression", "[model]\nx = 1\ny :=\n", ["3:5: error: expected an expression after ':='"]),
        Case("claim with no number", "[model]\nx = 1\n[claims]\nx = \n", ["4:5: error: expected a number after '='"]),
        Case(
            "claim with no formula", "[model]\nx = 1\n[claims]\nx ==\n", ["4:5: error: expected a formula after '=='"]),
        Case(
            "claim with no quantity", "[model]\nx = 1\n[claims]\n = 1\n",
            ["4:2: error: expected a quantity (a name or a derivative such as dE_total/dw5) before '='"]),
        Case(
            "claim of an expression", "[model]\nx = 1\n[claims]\nx + 1 = 1\n",
            ["4:1: error: expected a quantity (a name or a derivative such as dE_total/dw5), found an expression"]),
        Case(
            "claim of an unknown name", network + "[claims]\nfoo = 1\n",
            ["9:1: error: unknown name 'foo' in the claim; did you mean 'E_o1', 'E_o2', 'i1', 'i2', 'w1'?"]),
        Case(
            "claim with a bad number", "[model]\nx = 1\n[claims]\nx = 1.2.3\n",
            [
                "4:8: error: expected a number after '=', found '1.2.3': unexpected '.' in number; to claim a formula write '=='"
            ]),
        Case(
            "claim with a bad formula", "[model]\nx = 1\n[claims]\nx == (x +\n",
            ["4:10: error: expected a number, a name or '(' before the end"]),
        Case(
            "== in [model]", "[model]\nx == 1\n",
            ["2:3: error: '==' belongs in [claims]; in [model] write 'name = NUMBER' or 'name := EXPRESSION'"]),
        Case(
            "column after σ( counts σ as one", "[model]\nx = 1\ny := σ(x +)\n",
            ["3:11: error: expected a number, a name or '(', found ')'"]),
        Case(
            "column after a Greek name", "[model]\nη = 1\nθ := η ** 2\n",
            ["3:9: error: expected a number, a name or '(', found '*'"]),
        Case(
            "columns count tabs as one", "[model]\n\tx\t=\t0.5.5\n",
            [
                "2:9: error: expected a number, found '0.5.5': unexpected '.' in number; to define a quantity by a formula write ':='"
            ]),
        Case(
            "several errors, in the order of the file",
            "[model]\nx = 0.5.5\ny := (x\n[bogus]\nq = 1\n[model]\nz = 1a\n",
            [
                "2:8: error: expected a number, found '0.5.5': unexpected '.' in number; to define a quantity by a formula write ':='",
                "3:8: error: unbalanced '(': expected ')' to close the '(' at column 6",
                "4:1: error: unknown section '[bogus]'; expected one of [model], [network], [data], [training], [claims]",
                "7:6: error: expected a number, found '1a': unexpected 'a' in number; to define a quantity by a formula write ':='",
            ]),
        Case(
            "several claim errors", network + "[claims]\nfoo = 1\nout_h1 = x\nE_total@1 = 2\n",
            [
                "9:1: error: unknown name 'foo' in the claim; did you mean 'E_o1', 'E_o2', 'i1', 'i2', 'w1'?",
                "10:10: error: expected a number after '=', found 'x': unexpected 'x' in number; to claim a formula write '=='",
                "11:1: error: a claim after training (E_total@1) needs a [training] section",
            ]),
        Case(
            "1,001 nested parentheses",
            "[model]\nx := " + String(repeating: "(", count: 1001) + "1" + String(repeating: ")", count: 1001) + "\n",
            ["2:1006: error: nesting deeper than 1000 levels"]),
        Case(
            "10,000 nested parentheses",
            "[model]\nx := " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
                + "\n",
            ["2:1006: error: nesting deeper than 1000 levels"]),
        Case(
            "10,000 unary minus signs", "[model]\nx := " + String(repeating: "-", count: 10_000) + "1\n",
            ["2:1006: error: nesting deeper than 1000 levels"]),
        Case(
            "10,000 nested calls",
            "[model]\nx := " + String(repeating: "exp(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
                + "\n",
            ["2:4009: error: nesting deeper than 1000 levels"]),
        Case(
            "10,000 nested parentheses in a formula claim",
            "[model]\nx = 1\n[claims]\nx == " + String(repeating: "(", count: 10_000) + "1"
                + String(repeating: ")", count: 10_000) + "\n",
            ["4:1006: error: nesting deeper than 1000 levels"]),
        Case(
            "10,000 nested parentheses around a quantity",
            "[model]\nx = 1\n[claims]\n" + String(repeating: "(", count: 10_000) + "x"
                + String(repeating: ")", count: 10_000) + " = 1\n",
            [
                "4:1001: error: expected a quantity (a name or a derivative such as dE_total/dw5): nesting deeper than 1000 levels"
            ]),
    ]

    @Test(arguments: cases)
    func reportsEveryError(_ item: Case) {
        do {
            let fixture = try FixtureReader.read(text: item.text, file: "f.deriv")
            Issue.record("accepted, with \(fixture.claims.count) claims; expected \(item.errors)")
        } catch {
            #expect(error.diagnostics.map(\.description) == item.errors)
            #expect(error.description == item.errors.joined(separator: "\n"))
        }
    }

    @Test func catalogueIsLarge() {
        #expect(Self.cases.count >= 30)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test func nonUTF8Bytes() {
        let bytes = Array("[model]\nx = 1".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: FixtureError.self) { try FixtureReader.read(bytes: bytes, file: "f.deriv") }
        do { _ = try FixtureReader.read(bytes: bytes, file: "f.deriv") } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "f.deriv:2:6: error: invalid UTF-8: a fixture must be UTF-8 text"
                ])
        }
        // A truncated multi-byte sequence (the first byte of 'σ' alone) at the start of line 3.
        let cut = Array("[model]\nx = 1\n".utf8) + [0xCF]
        do {
            _ = try FixtureReader.read(bytes: cut, file: "f.deriv")
            Issue.record("accepted")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "f.deriv:3:1: error: invalid UTF-8: a fixture must be UTF-8 text"
                ])
        }
    }

    @Test func validUTF8BytesAreRead() throws {
        let fixture = try FixtureReader.read(
            bytes: Array("[model]\nη = 0.5\nσx := σ(η)\n[claims]\nσx = 0.622459331\n".utf8), file: "f.deriv")
        #expect(fixture.claims.count == 1)
    }

    @Test func thousandNestedParenthesesAreAccepted() throws {
        let deep = String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        let fixture = try FixtureReader.read(
            text: "[model]\nx := \(deep)\n[claims]\nx = 1\nx == \(deep)\n", file: "f.deriv")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.map(\.verdict) == [.exact, .equal])
    }

    @Test func megabyteLinesAreQuick() throws {
        let clock = ContinuousClock()
        let megabyte = 1 << 20
        // A comment, a number and a name of a megabyte each.
        let cases: [(String, Bool)] = [
            ("# " + String(repeating: "a", count: megabyte) + "\n[model]\nx = 1\n[claims]\nx = 1\n", true),
            ("[model]\nx = " + String(repeating: "7", count: megabyte) + "\n[claims]\n", true),
            ("[model]\nx = 1\n[claims]\nx = 0." + String(repeating: "9", count: megabyte) + "\n", true),
            ("[model]\nx := " + String(repeating: "a", count: megabyte) + "\n", false),
            ("[model]\nx = 0." + String(repeating: "5", count: megabyte) + ".5\n", false),
        ]
        for (text, accepted) in cases {
            let elapsed = clock.measure {
                do throws(FixtureError) {
                    _ = try FixtureReader.read(text: text, file: "big.deriv")
                    #expect(accepted, "a megabyte line was accepted")
                } catch {
                    #expect(!accepted, "\(error.description.prefix(200))")
                    #expect(error.diagnostics.count == 1)
                }
            }
            #expect(elapsed < .seconds(10), "a megabyte line took \(elapsed)")
        }
    }

    /// A megabyte expression (half a million terms): parsed or rejected without a crash, and not slowly.
    @Test func megabyteExpression() throws {
        let clock = ContinuousClock()
        let sum = String(repeating: "1+", count: 1 << 19)
        var result: Result<Fixture, FixtureError>?
        let elapsed = clock.measure {
            do throws(FixtureError) {
                result = .success(try FixtureReader.read(text: "[model]\nx := \(sum)\n", file: "big.deriv"))
            } catch { result = .failure(error) }
        }
        guard case .failure(let error) = result else {
            Issue.record("a sum ending in '+' was accepted")
            return
        }
        #expect(
            error.diagnostics.map(\.description) == [
                "big.deriv:2:\(6 + 2 * (1 << 19)): error: expected a number, a name or '(' before the end"
            ])
        #expect(elapsed < .seconds(15), "a megabyte expression took \(elapsed)")
    }

    @Test func crlfAndTabsAreAccepted() throws {
        let text = "[model]\r\n\tx\t=\t1\r\n\ty\t:=\tx*2 # note\r\n[claims]\r\n\ty\t=\t2\t# a tab before the note\r\n"
        let fixture = try FixtureReader.read(text: text, file: "f.deriv")
        #expect(fixture.claims.count == 1)
        #expect(fixture.claims.first?.printed == "2")
        #expect(fixture.claims.first?.note == "a tab before the note")
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.first?.verdict == .exact)
        // An error in a CRLF file is at the right line and column.
        do {
            _ = try FixtureReader.read(text: "[model]\r\nx = 1\r\ny := x +\r\n", file: "f.deriv")
            Issue.record("accepted")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "f.deriv:3:9: error: expected a number, a name or '(' before the end"
                ])
        }
    }
}
