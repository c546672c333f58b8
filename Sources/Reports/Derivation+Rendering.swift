import Checker
import Exact
import Symbolic

extension Derivation {
    private static func valueText(_ value: CertifiedValue) -> String {
        "\(value.digits ?? value.enclosure.description)  (Double \(value.double))"
    }

    /// The derivative in the requested forms, as plain text or LaTeX.
    public func rendered(form: Form, latex: Bool) -> String {
        let printer = ExprPrinter(style: latex ? .latex : .text)
        let whole = printer.derivative(of: breakdown.quantity, by: breakdown.variable)
        var lines = ["\(whole) = \(Self.valueText(value))"]
        if form == .chain || form == .all {
            lines += ["", "Chain rule:"]
            let factorNames = breakdown.chain.map { printer.derivative(of: $0.upper, by: $0.lower) }
            lines.append("  \(whole) = " + factorNames.joined(separator: latex ? " \\cdot " : " · "))
            for (factor, value) in zip(breakdown.chain, factorValues) {
                lines.append(
                    "  \(printer.derivative(of: factor.upper, by: factor.lower)) = \(printer(factor.expression))")
                if !factor.terms.isEmpty {
                    let sum = factor.terms.map { printer($0.expression) }.joined(separator: " + ")
                    lines.append("      = \(sum)")
                }
                lines.append("      = \(Self.valueText(value))")
            }
        }
        if form == .delta || form == .all, let deltaForm = breakdown.deltaForm {
            lines += ["", "Delta rule:", "  \(whole) = \(printer(deltaForm))"]
            for (delta, value) in zip(breakdown.deltas, deltaValues) {
                lines.append("  \(printer.name(delta.symbol)) = \(printer(delta.expression))")
                lines.append("      = \(Self.valueText(value))")
            }
        }
        if form == .expanded || form == .all {
            lines += ["", "Expanded in the givens:", "  \(whole) = \(printer(breakdown.expanded))"]
        }
        if form == .all, !latex {
            let latexPrinter = ExprPrinter(style: .latex)
            lines += [
                "", "LaTeX:",
                "  \(latexPrinter.derivative(of: breakdown.quantity, by: breakdown.variable)) = \(latexPrinter(breakdown.expression))",
            ]
        }
        return lines.joined(separator: "\n")
    }

    private static func json(_ value: CertifiedValue) -> [(String, JSONValue)] {
        [
            ("value", value.digits.map(JSONValue.string) ?? .null), ("double", .string("\(value.double)")),
            ("radius", .string(value.enclosure.radius.formatted(significantDigits: 2, rule: .towardZero))),
        ]
    }

    /// The `derive --json` object: value, double, chain, delta, expanded, latex.
    public var json: JSONValue {
        let text = ExprPrinter()
        let latex = ExprPrinter(style: .latex)
        let chain: [JSONValue] = zip(breakdown.chain, factorValues).map { factor, value in
            .object(
                [
                    ("factor", .string(text.derivative(of: factor.upper, by: factor.lower))),
                    ("formula", .string(text(factor.expression))),
                    ("latex", .string(latex(factor.expression))),
                ]
                    + Self.json(value)
                    + [("terms", .array(factor.terms.map { .string(text($0.expression)) }))])
        }
        let deltas: [JSONValue] = zip(breakdown.deltas, deltaValues).map { delta, value in
            .object(
                [("symbol", .string(delta.symbol)), ("formula", .string(text(delta.expression)))] + Self.json(value))
        }
        return .object(
            [
                ("quantity", .string(breakdown.quantity)), ("variable", .string(breakdown.variable)),
                ("formula", .string(text(breakdown.expression))),
            ]
                + Self.json(value)
                + [
                    ("chain", .array(chain)),
                    (
                        "delta",
                        .object([
                            ("form", breakdown.deltaForm.map { .string(text($0)) } ?? .null),
                            ("deltas", .array(deltas)),
                        ])
                    ),
                    ("expanded", .string(text(breakdown.expanded))),
                    (
                        "latex",
                        .string(
                            "\(latex.derivative(of: breakdown.quantity, by: breakdown.variable)) = \(latex(breakdown.expression))"
                        )
                    ),
                ])
    }
}
