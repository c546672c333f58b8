import Exact
import Symbolic
import Testing

private let x = Expr.name("x")
private let y = Expr.name("y")
private let text = ExprPrinter(style: .text)
private let latex = ExprPrinter(style: .latex)
private func parse(_ source: String) throws -> Expr { try Parser.parse(source) }

@Suite("ExprPrinter")
struct ExprPrinterTests {
    @Test func deltaRuleForW5() throws {
        let model = try TutorialModel.make()
        let d = try model.derivative(of: "E_total", by: "w5")
        #expect(text(d) == "-(target_o1 - out_o1)·out_o1·(1 - out_o1)·out_h1")
        #expect(d.description == "-(target_o1 - out_o1)·out_o1·(1 - out_o1)·out_h1")
        #expect(
            latex(d)
                == "-\\left(\\mathrm{target}_{o1} - \\mathrm{out}_{o1}\\right) \\cdot \\mathrm{out}_{o1} \\cdot \\left(1 - \\mathrm{out}_{o1}\\right) \\cdot \\mathrm{out}_{h1}"
        )
    }

    @Test(arguments: [
        ("a + b", "a + b"),
        ("a - b - c", "a - b - c"),
        ("a - 2*b", "a - 2·b"),
        ("-a + b", "-a + b"),
        ("-(a + b)", "-(a + b)"),
        ("a*(b + c)", "a·(b + c)"),
        ("(a*b)^2", "(a·b)^2"),
        ("(a + b)^2", "(a + b)^2"),
        ("-x^2", "-x^2"),
        ("x^-1", "1/x"),
        ("a/b", "a/b"),
        ("a/b/c", "a/(b·c)"),
        ("a/(b + c)", "a/(b + c)"),
        ("(a + b)/c", "(a + b)/c"),
        ("-a/b", "-a/b"),
        ("x/3", "x/3"),
        ("2*x/3", "2·x/3"),
        ("a/b^2", "a/b^2"),
        ("logistic(net_o1)", "logistic(net_o1)"),
        ("σ(a + b)^2", "logistic(a + b)^2"),
        ("exp(-x)", "exp(-x)"),
        // A unit-fraction coefficient is written as a division: ½(t − o)² reads (t − o)²/2;
        // a short decimal one as written.
        ("0.5*(target_o1 - out_o1)^2", "(target_o1 - out_o1)^2/2"),
        ("w5 - 0.5*x", "w5 - x/2"),
        ("0.3775*x", "0.3775·x"),
        ("w5 - 2.5*x*y", "w5 - 2.5·x·y"),
        ("net_h1 + 0.3775", "net_h1 + 0.3775"),
        ("x - 1/3", "x - 1/3"),
        ("∂E_total/∂w5", "∂E_total/∂w5"),
    ])
    func textOutput(source: String, expected: String) throws {
        let printed = text(try parse(source))
        #expect(printed == expected, "\(source) → \(printed)")
    }

    @Test func constants() {
        #expect(text(.constant(Rational("0.3775")!)) == "0.3775")
        #expect(text(.constant(Rational("1/3")!)) == "1/3")
        #expect(text(.constant(Rational("-1/3")!)) == "-1/3")
        #expect(text(.constant(Rational("-0.05")!)) == "-0.05")
        #expect(text(12) == "12")
        #expect(text(0) == "0")
        #expect(latex(.constant(Rational("0.3775")!)) == "0.3775")
        #expect(latex(.constant(Rational("1/3")!)) == "\\frac{1}{3}")
        #expect(latex(.constant(Rational("-2/3")!)) == "-\\frac{2}{3}")
        #expect(text.constant(Rational("3.51085e-5")!) == "0.0000351085")
    }

    @Test func negativeConstantTermsReadAsSubtraction() throws {
        #expect(text(x - 3) == "x - 3")
        #expect(text(x + .constant(Rational("-0.5")!)) == "x - 0.5")
        #expect(text(x - .constant(Rational("1/3")!)) == "x - 1/3")
        #expect(latex(x - 3) == "x - 3")
    }

    @Test func rationalPowersAreParenthesised() {
        #expect(text(Expr.product([.constant(Rational("1/3")!), x])) == "x/3")
        #expect(text(Expr.constant(Rational(2)).power(1)) == "2")
    }

    @Test(arguments: [
        ("E_total", "E_{\\mathrm{total}}"), ("w5", "w_{5}"), ("w12", "w_{12}"), ("η", "\\eta"),
        ("δ_o1", "\\delta_{o1}"),
        ("out_h1", "\\mathrm{out}_{h1}"), ("target_o1", "\\mathrm{target}_{o1}"), ("x", "x"), ("θ4", "\\theta_{4}"),
        ("b_h1_2", "b_{h1,2}"), ("_x", "_x"),
    ])
    func latexNames(name: String, expected: String) {
        #expect(latex.name(name) == expected)
        #expect(latex(.name(name)) == expected)
        #expect(text.name(name) == name)
    }

    @Test(arguments: [
        ("a/b", "\\frac{a}{b}"),
        ("2*x/3", "\\frac{2 \\cdot x}{3}"),
        ("x^-2", "\\frac{1}{x^{2}}"),
        ("(a + b)^2", "\\left(a + b\\right)^{2}"),
        ("η*∂E_total/∂w5", "\\eta \\cdot \\frac{\\partial E_{\\mathrm{total}}}{\\partial w_{5}}"),
        ("σ(net_o1)", "\\sigma\\left(\\mathrm{net}_{o1}\\right)"),
        ("exp(x) + log(x) + tanh(x)", "\\exp\\left(x\\right) + \\log\\left(x\\right) + \\tanh\\left(x\\right)"),
        ("sqrt(x)", "\\sqrt{x}"),
        ("relu(x) + softplus(x)", "\\operatorname{relu}\\left(x\\right) + \\operatorname{softplus}\\left(x\\right)"),
    ])
    func latexOutput(source: String, expected: String) throws {
        let printed = latex(try parse(source))
        #expect(printed == expected, "\(source) → \(printed)")
    }

    @Test func reluDerivativePrintsAsAFunction() {
        #expect(text(.apply(.step, x)) == "relu′(x)")
        #expect(latex(.apply(.step, x)) == "\\operatorname{relu}'\\left(x\\right)")
    }

    @Test func derivativeLeaves() {
        #expect(text.derivative(of: "E_total", by: "w5") == "∂E_total/∂w5")
        #expect(latex.derivative(of: "E_total", by: "w5") == "\\frac{\\partial E_{\\mathrm{total}}}{\\partial w_{5}}")
    }

    @Test func printedTextParsesBack() throws {
        let sources = [
            "a - b - c", "-(target_o1 - out_o1)·out_o1·(1 - out_o1)·out_h1", "a/(b·c)", "2·x/3 - y^2",
            "logistic(w1·i1 + w2·i2 + b1)", "x - 1/3", "(a + b)^2/(c·d)", "-x^3 + 0.25",
        ]
        for source in sources {
            let expr = try parse(source)
            #expect(try parse(text(expr)) == expr, "\(source) → \(text(expr))")
        }
        #expect(text(try parse("σ(x)")) == "logistic(x)")
        _ = y
    }
}
