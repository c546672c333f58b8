import Checker
import Exact
import Symbolic

extension Derivation {
    private static func valueText(_ value: CertifiedValue) -> String {
        "\(value.digits ?? value.enclosure.description)  (Double \(value.double))"
    }

    /// The derivative in the requested forms, as plain text or as LaTeX (an `align*` block and
    /// nothing else, so it pastes into a document as it is).
    public func rendered(form: Form, latex: Bool) -> String {
        latex ? latexRendering(form: form) : textRendering(form: form)
    }

    /// Whether the chain is the derivative itself (one factor, `∂A/∂B = ∂A/∂B`): nothing to show.
    private var chainIsTrivial: Bool {
        breakdown.chain.count == 1 && breakdown.chain.first?.upper == breakdown.quantity
            && breakdown.chain.first?.lower == breakdown.variable
    }

    /// `E_o2 does not depend on w5`, when the derivative is zero for that reason.
    private var independence: String? {
        guard breakdown.expression.constantValue?.signum == 0 else { return nil }
        return "\(breakdown.quantity) does not depend on \(breakdown.variable)"
    }

    private func textRendering(form: Form) -> String {
        let printer = ExprPrinter()
        let whole = printer.derivative(of: breakdown.quantity, by: breakdown.variable)
        var lines = ["\(whole) = \(Self.valueText(value))"]
        if let independence { lines.append("  (\(independence))") }
        if form == .chain || form == .all {
            lines += ["", "Chain rule:"]
            if !chainIsTrivial {
                let factorNames = breakdown.chain.map { printer.derivative(of: $0.upper, by: $0.lower) }
                lines.append("  \(whole) = " + factorNames.joined(separator: " · "))
            }
            for (factor, value) in zip(breakdown.chain, factorValues) {
                lines.append(
                    "  \(printer.derivative(of: factor.upper, by: factor.lower)) = \(printer(factor.expression))")
                if !factor.terms.isEmpty {
                    lines.append("      = \(factor.terms.map { printer($0.expression) }.joined(separator: " + "))")
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
        if form == .all {
            let latex = ExprPrinter(style: .latex)
            let fraction = latex.derivative(of: breakdown.quantity, by: breakdown.variable)
            lines += ["", "LaTeX:", "  \(fraction) = \(latex(breakdown.expression))"]
        }
        return lines.joined(separator: "\n")
    }

    /// One `align*` block: each form's equations, the certified values as decimals, the headings
    /// as `%` comments; no plain text between the lines.
    private func latexRendering(form: Form) -> String {
        let printer = ExprPrinter(style: .latex)
        let whole = printer.derivative(of: breakdown.quantity, by: breakdown.variable)
        var rows = ["  \(whole) &= \(Self.digits(value))"]
        if form == .chain || form == .all {
            rows.append("  % chain rule")
            if !chainIsTrivial {
                let factorNames = breakdown.chain.map { printer.derivative(of: $0.upper, by: $0.lower) }
                rows.append("  \(whole) &= " + factorNames.joined(separator: " \\cdot "))
            }
            for (factor, value) in zip(breakdown.chain, factorValues) {
                let name = printer.derivative(of: factor.upper, by: factor.lower)
                rows.append("  \(name) &= \(printer(factor.expression)) = \(Self.digits(value))")
            }
        }
        if form == .delta || form == .all, let deltaForm = breakdown.deltaForm {
            rows += ["  % delta rule", "  \(whole) &= \(printer(deltaForm))"]
            for (delta, value) in zip(breakdown.deltas, deltaValues) {
                rows.append("  \(printer.name(delta.symbol)) &= \(printer(delta.expression)) = \(Self.digits(value))")
            }
        }
        if form == .expanded || form == .all {
            rows += ["  % expanded in the givens", "  \(whole) &= \(printer(breakdown.expanded))"]
        }
        // Comment rows carry no line break of their own; equations end with `\\` but the last.
        let equations = rows.indices.filter { !rows[$0].hasPrefix("  %") }
        let body = rows.indices.map { index in
            rows[index].hasPrefix("  %") || index == equations.last ? rows[index] : rows[index] + " \\\\"
        }
        let heading = "% \(breakdown.quantity) by \(breakdown.variable)" + (independence.map { ": \($0)" } ?? "")
        return ([heading, "% needs \\usepackage{amsmath}", "\\begin{align*}"] + body + ["\\end{align*}"]).joined(
            separator: "\n")
    }

    /// The certified digits, or the enclosure when they are undecided.
    private static func digits(_ value: CertifiedValue) -> String {
        value.digits ?? value.enclosure.description
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
                            "\(latex.derivative(of: breakdown.quantity, by: breakdown.variable)) = "
                                + "\(latex(breakdown.expression))"
                        )
                    ),
                ])
    }
}
