import Exact
import Foundation

/// Writes expressions in the tutorial's notation, as plain text (`-(target_o1 - out_o1)·out_h1`)
/// or as LaTeX (`-(target_{o1} - out_{o1}) \cdot out_{h1}`).
public struct ExprPrinter: Sendable {
    public enum Style: Sendable { case text, latex }

    public var style: Style

    public init(style: Style = .text) { self.style = style }

    public func callAsFunction(_ expr: Expr) -> String { render(expr, context: 0) }

    /// A name as the style writes it: `E_total` or `E_{\mathrm{total}}`, `w5` or `w_{5}`, `η` or `\eta`,
    /// `target_o1` or `\mathrm{target}_{o1}`.
    public func name(_ name: String) -> String {
        guard style == .latex else { return name }
        var base = Substring(name)
        var subscriptText: Substring = ""
        if let underscore = name.firstIndex(of: "_"), underscore != name.startIndex {
            base = name[..<underscore]
            subscriptText = name[name.index(after: underscore)...]
        } else if let digit = name.firstIndex(where: \.isNumber), digit != name.startIndex,
            name[digit...].allSatisfy(\.isNumber)
        {
            base = name[..<digit]
            subscriptText = name[digit...]
        }
        // A word (`target`, `total`) is upright, as pdflatex would otherwise set it as a product of letters.
        let latexBase = Self.isWord(base) ? "\\mathrm{\(base)}" : base.map { Self.greek[$0] ?? String($0) }.joined()
        var escaped = subscriptText.replacingOccurrences(of: "_", with: ",")
        if Self.isWord(subscriptText) { escaped = "\\mathrm{\(escaped)}" }
        return subscriptText.isEmpty ? latexBase : "\(latexBase)_{\(escaped)}"
    }

    /// Two or more ASCII letters and nothing else: a word, set upright.
    private static func isWord(_ text: Substring) -> Bool {
        text.count > 1 && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// `∂A/∂B` or `\frac{\partial A}{\partial B}`.
    public func derivative(of quantity: String, by variable: String) -> String {
        switch style {
        case .text: "∂\(quantity)/∂\(variable)"
        case .latex: "\\frac{\\partial \(name(quantity))}{\\partial \(name(variable))}"
        }
    }

    private static let greek: [Character: String] = [
        "η": "\\eta", "δ": "\\delta", "σ": "\\sigma", "θ": "\\theta", "α": "\\alpha", "β": "\\beta",
        "ε": "\\epsilon", "ϵ": "\\epsilon", "λ": "\\lambda", "μ": "\\mu", "γ": "\\gamma",
    ]

    private var times: String { style == .text ? "·" : " \\cdot " }

    /// A rational as a decimal when it has a short exact one, else as a fraction.
    public func constant(_ value: Rational) -> String {
        if let places = decimalPlaces(value) {
            return value.decimalString(places: places)
        }
        switch style {
        case .text: return "\(value.numerator)/\(value.denominator)"
        case .latex:
            let sign = value.signum < 0 ? "-" : ""
            return "\(sign)\\frac{\(value.numerator.magnitude)}{\(value.denominator)}"
        }
    }

    /// The places of a rational's decimal when it has at most 20, else `nil`.
    private func decimalPlaces(_ value: Rational) -> Int? {
        (0...20).first { (value * Rational.powerOfTen($0)).isInteger }
    }

    /// Binding strength: 1 sum, 2 product or negation, 3 power, 4 atom.
    private func precedence(_ expr: Expr) -> Int {
        switch expr.kind {
        case .sum: 1
        case .product: 2
        case .constant(let value): value.signum < 0 || decimalPlaces(value) == nil ? 2 : 4
        case .power(_, let exponent): exponent < 0 ? 2 : 3
        case .name, .derivative, .function: 4
        }
    }

    private func render(_ expr: Expr, context: Int) -> String {
        let text = renderBare(expr)
        guard precedence(expr) < context else { return text }
        return style == .latex ? "\\left(\(text)\\right)" : "(\(text))"
    }

    private func renderBare(_ expr: Expr) -> String {
        switch expr.kind {
        case .constant(let value):
            return constant(value)
        case .name(let text):
            return name(text)
        case .derivative(let quantity, let variable):
            return derivative(of: quantity, by: variable)
        case .function(let function, let argument):
            return renderApplication(function, render(argument, context: 0))
        case .power(let base, let exponent):
            if exponent < 0 { return fraction(numerator: [], denominator: [base.power(-exponent)], negative: false) }
            let baseText = render(base, context: 4)
            return style == .latex ? "\(baseText)^{\(exponent)}" : "\(baseText)^\(exponent)"
        case .sum(let terms):
            return renderSum(terms)
        case .product(let factors):
            return renderProduct(factors)
        }
    }

    /// A function applied to its rendered argument: `exp(x)`, or in LaTeX `\exp\left(x\right)`, `\sqrt{x}`.
    private func renderApplication(_ function: ElementaryFunction, _ inner: String) -> String {
        switch style {
        case .text:
            return "\(function.name)(\(inner))"
        case .latex:
            switch function {
            case .sqrt: return "\\sqrt{\(inner)}"
            case .exp, .log, .tanh: return "\\\(function.rawValue)\\left(\(inner)\\right)"
            case .logistic: return "\\sigma\\left(\(inner)\\right)"
            case .step: return "\\operatorname{relu}'\\left(\(inner)\\right)"
            default: return "\\operatorname{\(function.rawValue)}\\left(\(inner)\\right)"
            }
        }
    }

    /// Terms joined by `+`, with a negative term after the first written as a subtraction (`a - 2·b`).
    private func renderSum(_ terms: [Expr]) -> String {
        var text = ""
        for (index, term) in terms.enumerated() {
            let (coefficient, rest) = term.splitCoefficient
            if index > 0, let value = term.constantValue, value.signum < 0 {
                text += " - " + render(.constant(-value), context: 2)
            } else if index > 0, coefficient.signum < 0 {
                text += " - " + render(Expr.product([.constant(-coefficient), rest]), context: 2)
            } else {
                text += (index > 0 ? " + " : "") + render(term, context: 2)
            }
        }
        return text
    }

    /// Factors sorted into a numerator and a denominator (negative powers, a coefficient's
    /// denominator), written as a fraction with the coefficient's sign in front.
    private func renderProduct(_ factors: [Expr]) -> String {
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        var negative = false
        for factor in factors {
            if let value = factor.constantValue {
                negative = value.signum < 0
                let magnitude = value.magnitude
                // A short decimal coefficient reads as written (0.3775·x); a unit fraction as a
                // division (½(t − o)² as (t − o)²/2), and any other fraction as a/b.
                if magnitude.numerator != 1, !magnitude.isInteger, decimalPlaces(magnitude) != nil {
                    numerator.append(.constant(magnitude))
                    continue
                }
                if magnitude.numerator != 1 { numerator.append(.constant(Rational(magnitude.numerator))) }
                if magnitude.denominator != 1 { denominator.append(.constant(Rational(magnitude.denominator))) }
            } else if case .power(let base, let exponent) = factor.kind, exponent < 0 {
                denominator.append(base.power(-exponent))
            } else {
                numerator.append(factor)
            }
        }
        return fraction(numerator: numerator, denominator: denominator, negative: negative)
    }

    private func fraction(numerator: [Expr], denominator: [Expr], negative: Bool) -> String {
        let sign = negative ? "-" : ""
        let top =
            numerator.isEmpty
            ? "1"
            : numerator.map { render($0, context: numerator.count > 1 || !denominator.isEmpty ? 3 : 2) }.joined(
                separator: times)
        guard !denominator.isEmpty else { return sign + top }
        switch style {
        case .latex:
            let bottom = denominator.map { render($0, context: 3) }.joined(separator: times)
            let top = numerator.isEmpty ? "1" : numerator.map { render($0, context: 2) }.joined(separator: times)
            return "\(sign)\\frac{\(top)}{\(bottom)}"
        case .text:
            let bottom = denominator.map { render($0, context: 3) }.joined(separator: times)
            return "\(sign)\(top)/\(denominator.count > 1 ? "(\(bottom))" : bottom)"
        }
    }
}

extension Expr: CustomStringConvertible {
    public var description: String { ExprPrinter()(self) }
}
