import Exact
import Testing

@testable import Scan

/// The LaTeX-to-expression translator on snippets from real posts: each is read into the
/// expression derivcheck prints (`MathNode.text`, the fixture format's notation with names as
/// written). The expected column was written by hand from the LaTeX's meaning.
struct MathTranslatorTests {
    static let cases: [(latex: String, read: String)] = [
        // Mazur (2015), the forward pass
        ("w_1 * i_1 + w_2 * i_2 + b_1 * 1", "w_{1}*i_{1} + w_{2}*i_{2} + b_{1}*1"),
        ("0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1", "0.15*0.05 + 0.2*0.1 + 0.35*1"),
        ("\\frac{1}{1+e^{-net_{h1}}}", "1/(1 + exp(-net_{h1}))"),
        ("\\frac{1}{1+e^{-0.3775}}", "1/(1 + exp(-0.3775))"),
        ("w_5 * out_{h1} + w_6 * out_{h2} + b_2 * 1", "w_{5}*out_{h1} + w_{6}*out_{h2} + b_{2}*1"),
        ("\\frac{1}{2}(\\text{target}_{o1} - \\text{out}_{o1})^2", "1/2*(\\text{target}_{o1} - \\text{out}_{o1})^2"),
        ("\\frac{1}{2}(0.01 - 0.75136507)^2", "1/2*(0.01 - 0.75136507)^2"),
        ("E_{o1} + E_{o2}", "E_{o1} + E_{o2}"),
        ("0.274811083 + 0.023560026", "0.274811083 + 0.023560026"),
        // the backward pass
        ("\\frac{\\partial E_{total}}{\\partial w_5}", "dE_{total}/dw_{5}"),
        (
            "\\frac{\\partial E_{total}}{\\partial \\text{out}_{o1}} * \\frac{\\partial \\text{out}_{o1}}{\\partial \\text{net}_{o1}}",
            "dE_{total}/d\\text{out}_{o1}*d\\text{out}_{o1}/d\\text{net}_{o1}"
        ),
        (
            "2 * \\frac{1}{2}(\\text{target}_{o1} - \\text{out}_{o1})^{2-1} * -1 + 0",
            "2*1/2*(\\text{target}_{o1} - \\text{out}_{o1})^1*(-1) + 0"
        ),
        ("-(target_{o1} - out_{o1})", "-(target_{o1} - out_{o1})"),
        ("-(0.01 - 0.75136507)", "-(0.01 - 0.75136507)"),
        ("out_{o1}(1 - out_{o1})", "out_{o1}*(1 - out_{o1})"),
        ("0.75136507(1 - 0.75136507)", "0.75136507*(1 - 0.75136507)"),
        ("1 * out_{h1} * w_5^{(1-1)} + 0 + 0", "1*out_{h1}*w_{5}^0 + 0 + 0"),
        ("0.74136507 * 0.186815602 * 0.593269992", "0.74136507*0.186815602*0.593269992"),
        (
            "-(target_{o1} - out_{o1}) * out_{o1}(1 - out_{o1}) * out_{h1}",
            "-(target_{o1} - out_{o1})*out_{o1}*(1 - out_{o1})*out_{h1}"
        ),
        ("\\delta_{o1} out_{h1}", "δ_{o1}*out_{h1}"),
        ("w_5 - \\eta * \\frac{\\partial E_{total}}{\\partial w_5}", "w_{5} - η*dE_{total}/dw_{5}"),
        ("0.4 - 0.5 * 0.082167041", "0.4 - 0.5*0.082167041"),
        ("w_5^+", "w_{5}+"),
        ("w_5^{+}", "w_{5}+"),
        ("w_1^{new}", "w_{1}+"),
        ("w_1^{(new)}", "w_{1}+"),
        ("w1_{new}", "w1+"),
        ("w_1^{old}", "w_{1}"),
        ("0.055399425 + -0.019049119", "0.055399425 + -0.019049119"),
        ("0.138498562 * 0.40", "0.138498562*0.40"),
        ("0.59326999(1 - 0.59326999)", "0.59326999*(1 - 0.59326999)"),
        ("0.036350306 * 0.241300709 * 0.05", "0.036350306*0.241300709*0.05"),
        ("0.15 - 0.5 * 0.000438568", "0.15 - 0.5*0.000438568"),
        // readers' comments and other tutorials
        ("w_1 \\cdot i_1 + w_3 \\cdot i_2 + b_1 \\cdot 1", "w_{1}*i_{1} + w_{3}*i_{2} + b_{1}*1"),
        ("dE_{o1}/dout_{h1}", "dE_{o1}/dout_{h1}"),
        ("\\frac{dE}{dw}", "dE/dw"),
        ("\\frac{d E_{total}}{d w_5}", "dE_{total}/dw_{5}"),
        ("\\partial E_{total} / \\partial w_5", "dE_{total}/dw_{5}"),
        ("∂E_total/∂w5", "dE_{total}/dw5"),
        ("\\left(0.01 - 0.75136507\\right)^2", "(0.01 - 0.75136507)^2"),
        ("\\left[ y - \\hat y \\right]", ""),
        ("\\sigma(z)", "logistic(z)"),
        ("\\sigma\\left(w x + b\\right)", "logistic(w*x + b)"),
        ("\\text{sigmoid}(z)", "logistic(z)"),
        ("\\tanh(net_{o1})", "tanh(net_{o1})"),
        ("1 - \\tanh^2(x)", ""),
        ("\\exp(-x)", "exp(-x)"),
        ("e^x", "exp(x)"),
        ("\\ln(1 + e^{z})", "log(1 + exp(z))"),
        ("\\sqrt{x^2 + 1}", "sqrt(x^2 + 1)"),
        ("\\max(0, z)", ""),
        ("\\text{ReLU}(z)", "relu(z)"),
        ("3.51085 \\times 10^{-5}", "3.51085e-5"),
        ("0.5 \\times 0.2", "0.5*0.2"),
        ("−0.019049119", "-0.019049119"),
        ("2 · 0.5", "2*0.5"),
        ("\\frac12", "1/2"),
        ("\\tfrac{1}{2}(t - y)^2", "1/2*(t - y)^2"),
        ("\\dfrac{a}{b}", "a/b"),
        ("\\boxed{0.3775}", "0.3775"),
        ("-2(y_{true} - y_{pred})", "-2*(y_{true} - y_{pred})"),
        ("-2(1 - y_{pred})", "-2*(1 - y_{pred})"),
        ("0.3 \\cdot 0.5 + 0.6 \\cdot (-1) + 0.1", "0.3*0.5 + 0.6*(-1) + 0.1"),
        ("x_1^2", "x_{1}^2"),
        ("w₁ x₁", "w_{1}*x_{1}"),
        ("a^{-1}", "a^(-1)"),
        ("\\eta \\, \\delta_j \\; o_i", "η*δ_{j}*o_{i}"),
        ("\\mathrm{net}_{h1}", "\\mathrm{net}_{h1}"),
        ("\\bigl(1 - a\\bigr)", "1 - a"),
    ]

    @Test(arguments: cases)
    func translates(_ snippet: (latex: String, read: String)) {
        let read = ScanSupport.read(snippet.latex)
        if snippet.read.isEmpty {
            #expect((try? read.get()) == nil, "expected '\(snippet.latex)' to be skipped")
        } else {
            #expect((try? read.get())?.text == snippet.read, "\(snippet.latex)")
        }
    }

    @Test func atLeastSixtySnippets() {
        #expect(Self.cases.filter { !$0.read.isEmpty }.count >= 60)
    }

    /// Names resolve to the model's spelling by normal form (fixture-format v2).
    @Test(arguments: [
        ("net_{h1}", "net_h1"), ("\\text{net}_{h1}", "net_h1"), ("neth1", "net_h1"), ("E_{total}", "E_total"),
        ("w_5", "w5"), ("\\eta", "η"), ("\\text{target}_{o1}", "target_o1"),
    ])
    func resolves(_ pair: (String, String)) throws {
        guard case .name(let leaf) = try ScanSupport.read(pair.0).get() else {
            Issue.record("not a name")
            return
        }
        #expect(try ScanSupport.tutorial.quantity(leaf).description == pair.1)
    }

    @Test func derivativesResolveEachSide() throws {
        guard case .name(let leaf) = try ScanSupport.read("dEo2/douth1").get() else {
            Issue.record("not a derivative")
            return
        }
        #expect(try ScanSupport.tutorial.quantity(leaf).description == "dE_o2/dout_h1")
        guard case .name(let plus) = try ScanSupport.read("w_5^+").get() else { return }
        #expect(try ScanSupport.tutorial.quantity(plus).description == "w5+")
    }
}
