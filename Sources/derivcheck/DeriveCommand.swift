import Checker
import Reports

/// `derivcheck derive PARAM`: a derivative the way the tutorial writes it.
enum DeriveCommand {
    static let spec = CommandSpec(
        name: "derive",
        abstract: "Show a derivative as the tutorial's chain of factors, in delta-rule form and expanded.",
        discussion: """
            For the tutorial's network unless --fixture names another. Each factor is printed with its
            formula in the model's own names, its certified value and the Double value beside it.
            Example: derivcheck derive w1 --form delta
            """,
        arguments: [.init(name: "param", help: "The quantity to differentiate by (a weight such as w5, or any name).")],
        options: [
            .init(
                long: "of", short: nil, value: "quantity",
                help: "The quantity differentiated (default: the training loss, E_total)."),
            .init(
                long: "fixture", short: nil, value: "file", help: "A fixture file instead of the tutorial's network."),
            .init(long: "form", short: nil, value: "form", help: "chain, delta, expanded or all (default: all)."),
            .init(long: "latex", short: nil, value: nil, help: "Write the formulas in LaTeX."),
            .init(
                long: "json", short: nil, value: nil,
                help: "Print value, double, chain, delta, expanded and latex as JSON."),
            .init(long: "digits", short: nil, value: "n", help: "Significant digits of the values (default: 30)."),
        ]
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let digits: Int
        let form: Derivation.Form
        do throws(UsageError) {
            digits = try CommandSupport.digits(parsed, default: 30)
            let name = parsed.values["form"] ?? "all"
            guard let chosen = Derivation.Form(rawValue: name) else {
                throw parsed.usageError("unknown form '\(name)'; expected chain, delta, expanded or all")
            }
            form = chosen
        } catch {
            return CommandSupport.usageError(error)
        }
        guard let fixture = CommandSupport.fixture(for: parsed) else { return Terminal.Status.badInput.rawValue }
        let quantity = parsed.values["of"] ?? fixture.training?.loss ?? "E_total"
        let variable = parsed.positionals.first ?? ""
        do {
            let derivation = try Derivation(fixture: fixture, of: quantity, by: variable, digits: digits)
            Terminal.out(
                parsed.has("json")
                    ? derivation.json.pretty() : derivation.rendered(form: form, latex: parsed.has("latex")))
            return 0
        } catch {
            Terminal.error("Error: \(error)")
            return Terminal.Status.badInput.rawValue
        }
    }
}
