import Exact
import Reports
import Symbolic

/// `derivcheck eval EXPR`: a certified calculator.
enum EvalCommand {
    static let spec = CommandSpec(
        name: "eval",
        abstract: "Evaluate an expression to certified significant digits.",
        discussion: """
            Numbers, + - * / ^ (integer exponents), parentheses, and logistic (sigmoid, σ), exp, log,
            tanh, relu, softplus, sqrt. Prints the correctly rounded digits of the exact value, what
            Double gives, and the width of the enclosure that proves the digits.
            With --fixture, the model's names can be used, derivatives too:
            derivcheck eval "w5 - 0.5*dE_total/dw5" --fixture Fixtures/mazur-2015.deriv
            Example: derivcheck eval "1/(1+exp(-0.3775))"
            """,
        arguments: [.init(name: "expression", help: "The expression, quoted for the shell.")],
        options: [
            .init(long: "digits", short: nil, value: "n", help: "Significant digits (default: 30)."),
            .init(
                long: "fixture", short: nil, value: "file",
                help: "Evaluate with a fixture's names: its givens, definitions and derivatives."),
            .init(long: "json", short: nil, value: nil, help: "Print {\"value\", \"double\", \"radius\"} as JSON."),
        ]
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let digits: Int
        do { digits = try CommandSupport.digits(parsed, default: 30) } catch { return CommandSupport.usageError(error) }
        let text = parsed.positionals.first ?? ""
        var model = Model.empty
        if parsed.values["fixture"] != nil {
            guard let fixture = CommandSupport.fixture(for: parsed) else { return Terminal.Status.badInput.rawValue }
            model = fixture.model
        }
        let expression: Expr
        do {
            expression = try Parser.parse(text, isName: model.contains)
        } catch {
            Terminal.error("Error: \(error.message) (column \(error.column))")
            Terminal.error("  \(text.count > 120 ? String(text.prefix(120)) + "…" : text)")
            if error.column <= 121 {
                Terminal.error("  " + String(repeating: " ", count: max(error.column - 1, 0)) + "^")
            }
            return Terminal.Status.badInput.rawValue
        }
        if let name = expression.names.first(where: { !model.contains($0) }) {
            let known =
                parsed.values["fixture"].map { _ in "the fixture has no name '\(name)'" }
                ?? "eval takes numbers and functions only (logistic, exp, log, tanh, relu, "
                + "softplus, sqrt); --fixture F lends a model's names"
            Terminal.error("Error: unknown name '\(name)': \(known)")
            return Terminal.Status.badInput.rawValue
        }
        let value: CertifiedValue
        do {
            guard let first = try model.certify([expression], significantDigits: digits).first else {
                return Terminal.Status.badInput.rawValue
            }
            value = first
        } catch {
            Terminal.error("Error: \(error)")
            return Terminal.Status.badInput.rawValue
        }
        let radius = value.enclosure.radius.formatted(significantDigits: 2, rule: .towardZero)
        let digitsText = value.digits ?? "undecided: \(value.enclosure)"
        if parsed.has("json") {
            Terminal.out(
                JSONValue.object([
                    ("value", value.digits.map(JSONValue.string) ?? .null), ("double", .string("\(value.double)")),
                    ("radius", .string(radius)), ("precision_bits", .number("\(value.precision)")),
                ]).pretty())
        } else {
            Terminal.out("value   \(digitsText)")
            Terminal.out("Double  \(value.double)")
            Terminal.out("radius  \(radius) (\(value.precision)-bit enclosure)")
        }
        return value.digits == nil ? Terminal.Status.findings.rawValue : 0
    }
}
