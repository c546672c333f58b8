import Exact
import Symbolic
import Testing

/// Shorthands for building expected expressions.
private let x = Expr.name("x")
private let a = Expr.name("a")
private let b = Expr.name("b")
private let c = Expr.name("c")

private func parse(_ text: String, names: Set<String> = []) throws -> Expr {
    try Parser.parse(text, isName: { names.contains($0) })
}

/// The error `text` is rejected with, or `nil` when it parses.
private func failure(_ text: String, names: Set<String> = []) -> ParseError? {
    do {
        _ = try Parser.parse(text, isName: { names.contains($0) })
        return nil
    } catch {
        return error
    }
}

@Suite("Parser")
struct ParserTests {
    // MARK: precedence

    @Test func unaryMinusBindsLooserThanPower() throws {
        #expect(try parse("-x^2") == -(x.power(2)))
        #expect(try parse("-x^2") != x.power(2))
        #expect(try parse("-2^2") == Expr.constant(-4))
        #expect(try parse("(-2)^2") == Expr.constant(4))
    }

    @Test func subtractionAndDivisionAreLeftAssociative() throws {
        #expect(try parse("a - b - c") == (a - b) - c)
        #expect(try parse("a - b - c") != a - (b - c))
        #expect(try parse("a/b/c") == (a / b) / c)
        #expect(try parse("a/b/c") != a / (b / c))
        #expect(try parse("8/4/2") == Expr.constant(1))
        #expect(try parse("8 - 4 - 2") == Expr.constant(2))
    }

    @Test func productsBindTighterThanSums() throws {
        #expect(try parse("a + b*c") == a + b * c)
        #expect(try parse("(a + b)*c") == (a + b) * c)
        #expect(try parse("1 + 2*3") == Expr.constant(7))
        #expect(try parse("a*b^2") == a * b.power(2))
    }

    @Test func unaryMinusAfterAnOperator() throws {
        #expect(try parse("2*-3") == Expr.constant(-6))
        #expect(try parse("2 - -3") == Expr.constant(5))
        #expect(try parse("--x") == x)
        #expect(try parse("+x") == x)
        #expect(try parse("a*-b") == -(a * b))
    }

    @Test func exponentForms() throws {
        #expect(try parse("x^-1") == x.power(-1))
        #expect(try parse("x^(-2)") == x.power(-2))
        #expect(try parse("x^+3") == x.power(3))
        #expect(try parse("(x^2)^3") == x.power(6))
        #expect(try parse("2^10") == Expr.constant(Rational(1024)))
        #expect(try parse("logistic(x)^2") == Expr.apply(.logistic, x).power(2))
    }

    @Test func numbersAreExact() throws {
        #expect(try parse("0.1") == Expr.constant(Rational("1/10")!))
        #expect(try parse(".5") == Expr.constant(Rational("1/2")!))
        #expect(try parse("3.51085e-5") == Expr.constant(Rational(351085) / Rational.powerOfTen(10)))
        #expect(try parse("1/3") == Expr.constant(Rational("1/3")!))
        #expect(try parse("0.1 + 0.2") == Expr.constant(Rational("3/10")!))
    }

    // MARK: functions, operators, unicode

    @Test(arguments: [
        ("logistic", ElementaryFunction.logistic), ("sigmoid", .logistic), ("σ", .logistic),
        ("exp", .exp), ("log", .log), ("tanh", .tanh), ("relu", .relu), ("softplus", .softplus), ("sqrt", .sqrt),
    ])
    func functionNames(name: String, function: ElementaryFunction) throws {
        #expect(try parse("\(name)(x)") == Expr.apply(function, x))
        #expect(try parse("\(name)(a + b)") == Expr.apply(function, a + b))
        #expect(Parser.functions[name] == function)
    }

    @Test func everyFunctionNameIsListed() {
        #expect(
            Set(Parser.functions.keys) == [
                "logistic", "sigmoid", "σ", "exp", "log", "tanh", "relu", "softplus", "sqrt",
            ])
    }

    @Test func nestedCalls() throws {
        #expect(try parse("σ(w1*σ(x))") == Expr.apply(.logistic, Expr.name("w1") * Expr.apply(.logistic, x)))
        #expect(try parse("exp(log(x))") == Expr.apply(.exp, Expr.apply(.log, x)))
    }

    @Test func timesSynonymsAndUnicodeMinus() throws {
        #expect(try parse("a·b") == a * b)
        #expect(try parse("a×b") == a * b)
        #expect(try parse("a*b") == a * b)
        #expect(try parse("a − b") == a - b)
        #expect(try parse("−x") == -x)
        #expect(try parse("2·3×4") == Expr.constant(24))
    }

    @Test func greekAndUnderscoreNames() throws {
        #expect(try parse("η*δ_o1") == Expr.name("η") * Expr.name("δ_o1"))
        #expect(try parse("_a1 + E_total") == Expr.name("_a1") + Expr.name("E_total"))
        #expect(try parse("θ4") == Expr.name("θ4"))
    }

    @Test func validNames() {
        for name in ["x", "w5", "E_total", "_a", "η", "δ_o1", "h1_2", "θ4"] { #expect(Parser.isName(name), "\(name)") }
        for name in ["", "5w", "a-b", "a b", "∂E", "x′", "w.5"] { #expect(!Parser.isName(name), "\(name)") }
    }

    // MARK: derivatives

    @Test func partialDerivativeSyntax() throws {
        #expect(try parse("∂E_total/∂w5") == Expr.derivative(of: "E_total", by: "w5"))
        #expect(try parse("∂E_total / ∂w5") == Expr.derivative(of: "E_total", by: "w5"))
        #expect(try parse("2*∂E_o1/∂out_o1") == 2 * Expr.derivative(of: "E_o1", by: "out_o1"))
        #expect(
            try parse("w5 - η*∂E_total/∂w5") == Expr.name("w5") - Expr.name("η")
                * Expr.derivative(of: "E_total", by: "w5"))
    }

    @Test func leibnizDerivativeSyntax() throws {
        #expect(try parse("d(E_total)/d(w5)") == Expr.derivative(of: "E_total", by: "w5"))
        #expect(try parse("d( E_total ) / d( w5 )") == Expr.derivative(of: "E_total", by: "w5"))
        #expect(
            try parse("0.5*d(E_total)/d(w5)") == Expr.constant(Rational("1/2")!)
                * Expr.derivative(of: "E_total", by: "w5"))
    }

    @Test func derivativeWithoutSpacesNeedsModelNames() throws {
        let names: Set<String> = ["E_total", "w5", "x", "y"]
        #expect(try parse("dE_total/dw5", names: names) == Expr.derivative(of: "E_total", by: "w5"))
        #expect(
            try parse("w5 - 0.5*dE_total/dw5", names: names)
                == Expr.name("w5") - Expr.constant(Rational("1/2")!) * Expr.derivative(of: "E_total", by: "w5"))
        // Not both names of the model: a division of two names.
        #expect(try parse("dE_total/dw5") == Expr.name("dE_total") / Expr.name("dw5"))
        #expect(try parse("dE_total/dw9", names: names) == Expr.name("dE_total") / Expr.name("dw9"))
        #expect(try parse("dq/dw5", names: names) == Expr.name("dq") / Expr.name("dw5"))
        // With spaces it is always a division.
        #expect(try parse("dx / dy", names: names) == Expr.name("dx") / Expr.name("dy"))
        #expect(try parse("dx /dy", names: names) == Expr.name("dx") / Expr.name("dy"))
        #expect(try parse("dx/ dy", names: names) == Expr.name("dx") / Expr.name("dy"))
        #expect(try parse("dx/dy", names: names) == Expr.derivative(of: "x", by: "y"))
        // `d` alone is a name, not half a derivative.
        #expect(try parse("d/dx", names: names) == Expr.name("d") / Expr.name("dx"))
    }

    // MARK: errors

    @Test(arguments: [
        ("((((", "expected a number, a name or '(' before the end", 5),
        (
            "foo(1)",
            "unknown function 'foo'; expected one of logistic, sigmoid, σ, exp, log, tanh, relu, softplus, sqrt", 1
        ),
        ("exp", "expected '(' after the function 'exp'", 4),
        ("1 + exp", "expected '(' after the function 'exp'", 8),
        ("1 +", "expected a number, a name or '(' before the end", 4),
        (")", "expected a number, a name or '(', found ')'", 1),
        ("x)", "unbalanced ')': no '(' to close", 2),
        ("(x", "unbalanced '(': expected ')' to close the '(' at column 1", 3),
        ("2^x", "expected an integer exponent (at most 1000000) after '^'", 3),
        ("2^0.5", "expected an integer exponent (at most 1000000) after '^'", 3),
        ("2^3^2", "'^' after a power is ambiguous; write (a^b)^c", 4),
        ("", "expected an expression", 1),
        ("   ", "expected an expression", 4),
        ("1 2", "expected an operator or the end, found number '2'", 3),
        ("a b", "expected an operator or the end, found 'b'", 3),
        ("$", "unexpected character '$'", 1),
        ("1 + $", "unexpected character '$'", 5),
        ("*x", "expected a number, a name or '(', found '*'", 1),
        ("∂E_total/w5", "expected '∂' in ∂A/∂B, found 'w5'", 10),
        ("∂/∂w5", "expected a name after '∂', found '/'", 2),
        ("d(E_total)/w5", "expected 'd(' in d(A)/d(B), found 'w5'", 12),
    ])
    func errors(text: String, message: String, column: Int) {
        let error = failure(text)
        #expect(error == ParseError(message, column: column), "\(text)")
    }

    @Test func malformedNumber() throws {
        let error = try #require(failure("0.5.5"))
        #expect(error.message == "malformed number '0.5.5': unexpected '.' in number")
        #expect(error.column == 4)
        let shifted = try #require(failure("x + 0.5.5"))
        #expect(shifted.column == 8)
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(failure("σ(x") == ParseError("unbalanced '(': expected ')' to close the '(' at column 2", column: 4))
        #expect(failure("σ(x) $") == ParseError("unexpected character '$'", column: 6))
        #expect(failure("∂E/∂w ∂") == ParseError("expected an operator or the end, found '∂'", column: 7))
        #expect(failure("η·θ $") == ParseError("unexpected character '$'", column: 5))
    }

    @Test func errorDescriptionLeadsWithTheColumn() {
        #expect(ParseError("expected an expression", column: 3).description == "3: expected an expression")
    }

    // MARK: nesting

    @Test func thousandNestedParenthesesParse() throws {
        let text = String(repeating: "(", count: 1_000) + "x" + String(repeating: ")", count: 1_000)
        #expect(try parse(text) == x)
    }

    @Test func thousandAndOneNestedParenthesesAreRejected() {
        let text = String(repeating: "(", count: 1_001) + "x" + String(repeating: ")", count: 1_001)
        #expect(failure(text) == ParseError("nesting deeper than 1000 levels", column: 1_001))
    }

    @Test func tenThousandNestedParenthesesFailWithoutCrashing() {
        let text = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(failure(text) == ParseError("nesting deeper than 1000 levels", column: 1_001))
        // Unbalanced, too.
        #expect(failure(String(repeating: "(", count: 10_000))?.message == "nesting deeper than 1000 levels")
    }

    @Test func nestedCallsAndSignsCountTowardTheLimit() throws {
        let calls = String(repeating: "σ(", count: 1_000) + "x" + String(repeating: ")", count: 1_000)
        let parsed = try parse(calls)
        #expect(parsed.nodeCount == 1_001)
        let tooMany = String(repeating: "σ(", count: 1_001) + "x" + String(repeating: ")", count: 1_001)
        #expect(failure(tooMany) == ParseError("nesting deeper than 1000 levels", column: 2_002))
        #expect(try parse(String(repeating: "-", count: 1_000) + "x") == x)
        #expect(
            failure(String(repeating: "-", count: 1_001) + "x")
                == ParseError("nesting deeper than 1000 levels", column: 1_001))
        #expect(failure(String(repeating: "-(", count: 10_000) + "x")?.message == "nesting deeper than 1000 levels")
    }

    @Test func longFlatExpressionsAreNotNesting() throws {
        let text = (1...5_000).map { _ in "x" }.joined(separator: " + ")
        #expect(try parse(text) == 5_000 * x)
        let signs = (1...2_000).map { _ in "(-x)" }.joined(separator: " + ")
        #expect(try parse(signs) == -2_000 * x)
    }

    /// `e^x` in its pasted forms is `exp(x)` when `e` is not a name of the model.
    @Test func eToThePower() throws {
        let x = Expr.name("x")
        for text in ["e^x", "e^{x}", "e^(x)"] { #expect(try Parser.parse(text) == Expr.apply(.exp, x), "\(text)") }
        #expect(try Parser.parse("e^-x") == Expr.apply(.exp, -x))
        #expect(try Parser.parse("1/(1 + e^{-x})") == 1 / (1 + Expr.apply(.exp, -x)))
        #expect(try Parser.parse("e^2", isName: { $0 == "e" }) == Expr.name("e").power(2), "a model's own e")
    }

    /// Names as LaTeX writes them are read whole, for the model to resolve.
    @Test func latexSpelledNames() throws {
        #expect(
            try Parser.parse("net_{h1} + \\text{out}_{o1}") == Expr.name("net_{h1}") + Expr.name("\\text{out}_{o1}"))
        #expect(try Parser.parse("E_{\\text{total}}") == Expr.name("E_{\\text{total}}"))
        #expect(try Parser.parse("{1 + 2}*3") == 9, "braces group like parentheses")
    }
}
