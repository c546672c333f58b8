import Exact
import Symbolic

/// A derivative of a fixture's model shown the tutorial's ways, every factor with its certified
/// value and the `Double` value beside it.
public struct Derivation: Sendable {
    public enum Form: String, Sendable, CaseIterable {
        case chain, delta, expanded, all
    }

    public var breakdown: DerivativeBreakdown
    public var value: CertifiedValue
    /// One value per chain factor, in the chain's order.
    public var factorValues: [CertifiedValue]
    /// One value per delta, in `breakdown.deltas`' order.
    public var deltaValues: [CertifiedValue]
    public var digits: Int

    /// An unknown name: the message lists the names the model has.
    public struct UnknownName: Error, Sendable, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public var description: String { "unknown name '\(name)'; the model has: \(known.joined(separator: ", "))" }
    }

    public init(fixture: Fixture, of quantity: String, by variable: String, digits: Int) throws(DerivationError) {
        let model = fixture.model
        for name in [quantity, variable] where !model.contains(name) {
            throw .unknownName(UnknownName(name: name, known: model.allNames))
        }
        do {
            breakdown = try DerivativeBreakdown(model: model, of: quantity, by: variable)
        } catch {
            throw .model(error.description)
        }
        self.digits = digits
        let deltaModel: Model
        do {
            deltaModel = try Self.modelWithDeltas(model, breakdown: breakdown)
        } catch {
            throw .model(error.description)
        }
        var expressions = [breakdown.expression] + breakdown.chain.map(\.expression)
        expressions += breakdown.deltas.map(\.expression)
        let values: [CertifiedValue]
        do {
            values = try deltaModel.certify(expressions, significantDigits: digits)
        } catch {
            throw .evaluation(error.description)
        }
        value = values[0]
        factorValues = Array(values[1...breakdown.chain.count])
        deltaValues = Array(values[(breakdown.chain.count + 1)...])
    }

    /// The model with each delta symbol (`δ_o1`) defined as its quantity's adjoint.
    private static func modelWithDeltas(_ model: Model, breakdown: DerivativeBreakdown) throws(ModelError) -> Model {
        guard !breakdown.deltas.isEmpty else { return model }
        let givens = model.givenNames.compactMap { name in model.givens[name].map { (name, $0) } }
        var definitions = model.definitionOrder.compactMap { name in model.definitions[name].map { (name, $0) } }
        for delta in breakdown.deltas {
            definitions.append((delta.symbol, try model.derivative(of: breakdown.quantity, by: delta.quantity)))
        }
        return try Model(givens: givens, definitions: definitions)
    }

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
                lines.append("  \(printer.derivative(of: factor.upper, by: factor.lower)) = \(printer(factor.expression))")
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
            lines += ["", "LaTeX:", "  \(latexPrinter.derivative(of: breakdown.quantity, by: breakdown.variable)) = \(latexPrinter(breakdown.expression))"]
        }
        return lines.joined(separator: "\n")
    }

    private static func json(_ value: CertifiedValue) -> [(String, JSONValue)] {
        [("value", value.digits.map(JSONValue.string) ?? .null), ("double", .string("\(value.double)")),
         ("radius", .string(value.enclosure.radius.formatted(significantDigits: 2, rule: .towardZero)))]
    }

    /// The `derive --json` object: value, double, chain, delta, expanded, latex.
    public var json: JSONValue {
        let text = ExprPrinter(), latex = ExprPrinter(style: .latex)
        let chain: [JSONValue] = zip(breakdown.chain, factorValues).map { factor, value in
            .object([("factor", .string(text.derivative(of: factor.upper, by: factor.lower))),
                     ("formula", .string(text(factor.expression))),
                     ("latex", .string(latex(factor.expression)))]
                    + Self.json(value)
                    + [("terms", .array(factor.terms.map { .string(text($0.expression)) }))])
        }
        let deltas: [JSONValue] = zip(breakdown.deltas, deltaValues).map { delta, value in
            .object([("symbol", .string(delta.symbol)), ("formula", .string(text(delta.expression)))] + Self.json(value))
        }
        return .object([("quantity", .string(breakdown.quantity)), ("variable", .string(breakdown.variable)),
                        ("formula", .string(text(breakdown.expression)))]
                       + Self.json(value)
                       + [("chain", .array(chain)),
                          ("delta", .object([("form", breakdown.deltaForm.map { .string(text($0)) } ?? .null), ("deltas", .array(deltas))])),
                          ("expanded", .string(text(breakdown.expanded))),
                          ("latex", .string("\(latex.derivative(of: breakdown.quantity, by: breakdown.variable)) = \(latex(breakdown.expression))"))])
    }
}

/// Why a derivation could not be shown.
public enum DerivationError: Error, Sendable, CustomStringConvertible {
    case unknownName(Derivation.UnknownName)
    case model(String)
    case evaluation(String)

    public var description: String {
        switch self {
        case .unknownName(let error): error.description
        case .model(let message), .evaluation(let message): message
        }
    }
}
