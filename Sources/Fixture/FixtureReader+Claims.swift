import Exact
import Foundation
import Symbolic

extension FixtureReader {
    /// One `[claims]` line: `QUANTITY = NUMBER` or `QUANTITY == EXPRESSION`.
    mutating func readClaim(_ line: Line, model: Model, training: TrainingSpec?) -> Claim? {
        let text = line.text
        guard let (left, right, isFormula) = Self.sides(of: text) else {
            let start = text.unicodeScalars.prefix(while: { $0.properties.isWhitespace }).count + 1
            error(line.number, start, "expected 'QUANTITY = NUMBER' or 'QUANTITY == FORMULA'")
            return nil
        }
        let leftTrimmed = left.drop(while: { $0 == " " || $0 == "\t" })
        let leftColumn = Self.column(of: leftTrimmed, in: text, indent: 0)
        let quantityText = Substring(leftTrimmed.trimmingCharacters(in: .whitespaces))
        let isName: (String) -> Bool = { model.contains($0) }
        guard
            let quantity = readQuantity(
                quantityText, line: line.number, column: leftColumn, model: model, isName: isName)
        else { return nil }
        if quantity.step > 0, training == nil {
            error(line.number, leftColumn, "a claim after training (\(quantity)) needs a [training] section")
            return nil
        }
        let rightTrimmed = right.drop(while: { $0 == " " || $0 == "\t" })
        let place = Place(line: line.number, column: Self.column(of: rightTrimmed, in: text, indent: 0))
        let printed = rightTrimmed.trimmingCharacters(in: .whitespaces)
        guard !printed.isEmpty else {
            error(place.line, place.column, isFormula ? "expected a formula after '=='" : "expected a number after '='")
            return nil
        }
        guard isFormula else { return readNumber(printed, for: quantity, at: place, note: line.note) }
        guard formulaStepIsAllowed(quantity, training: training, line: line.number, column: leftColumn) else {
            return nil
        }
        guard let expression = readFormula(printed, at: place, model: model, isName: isName) else { return nil }
        return Claim(
            line: line.number, quantity: quantity, kind: .formula(expression), printed: printed, note: line.note)
    }

    /// Where a claim's right-hand side starts.
    struct Place {
        var line: Int
        var column: Int
    }

    /// A claim line split at `==` (a formula) or at its first `=` (a number).
    private static func sides(of text: Substring) -> (left: Substring, right: Substring, isFormula: Bool)? {
        if let range = text.range(of: "==") { return (text[..<range.lowerBound], text[range.upperBound...], true) }
        if let equals = text.firstIndex(of: "=") { return (text[..<equals], text[text.index(after: equals)...], false) }
        return nil
    }

    /// Formula claims take no step, except `p+` for a trained parameter `p` (the update rule).
    private mutating func formulaStepIsAllowed(_ quantity: Quantity, training: TrainingSpec?, line: Int, column: Int)
        -> Bool
    {
        guard quantity.step != 0 else { return true }
        guard case .name(let name) = quantity.target, quantity.notation == .plus else {
            error(
                line, column,
                "formula claims take no step; only 'p+' for a trained parameter p may be claimed as a formula")
            return false
        }
        guard let training, training.parameters.contains(name) else {
            let listed =
                training.map { " (trained: \($0.parameters.joined(separator: " ")))" }
                ?? " (the fixture has no [training] section)"
            error(line, column, "'\(name)+' as a formula needs '\(name)' to be a trained parameter\(listed)")
            return false
        }
        return true
    }

    /// The right side of `QUANTITY == FORMULA`, every name in it known to the model.
    private mutating func readFormula(
        _ printed: String, at place: Place, model: Model, isName: @escaping (String) -> Bool
    )
        -> Expr?
    {
        let expression: Expr
        do {
            expression = try Parser.parse(Substring(printed), isName: isName)
        } catch {
            self.error(place.line, place.column + error.column - 1, Self.message(of: error, startingAt: place.column))
            return nil
        }
        for name in expression.names where !model.contains(name) {
            let at = printed.range(of: name).map { printed[..<$0.lowerBound].unicodeScalars.count } ?? 0
            error(
                place.line, place.column + at,
                "unknown name '\(name)' in the formula\(Self.derivativeHint(name, model))")
            return nil
        }
        for (a, b) in expression.derivatives {
            for part in [a, b] where !model.contains(part) {
                error(place.line, place.column, "derivative of or by an unknown name '\(part)'")
                return nil
            }
        }
        return expression
    }

    /// The right side of `QUANTITY = NUMBER`, read exactly with its printed precision.
    private mutating func readNumber(_ printed: String, for quantity: Quantity, at place: Place, note: String?)
        -> Claim?
    {
        do {
            let literal = try DecimalLiteral(parsing: printed)
            return Claim(line: place.line, quantity: quantity, kind: .numeric(literal), printed: printed, note: note)
        } catch {
            self.error(
                place.line, place.column + Self.offset(of: error),
                "expected a number after '=', found '\(printed)': \(error); to claim a formula write '=='")
            return nil
        }
    }

    /// `name`, `dA/dB`, `∂A/∂B` or `d(A)/d(B)`, optionally followed by `@k` or `+`.
    private mutating func readQuantity(
        _ text: Substring, line: Int, column: Int, model: Model, isName: @escaping (String) -> Bool
    ) -> Quantity? {
        guard !text.isEmpty else {
            error(line, column, "expected a quantity (a name or a derivative such as dE_total/dw5) before '='")
            return nil
        }
        var body = text
        guard let (step, notation) = readStep(of: &body, line: line, column: column) else { return nil }
        let expression: Expr
        do {
            expression = try Parser.parse(body, isName: isName)
        } catch {
            self.error(
                line, column + error.column - 1,
                "expected a quantity (a name or a derivative such as dE_total/dw5): "
                    + Self.message(of: error, startingAt: column)
            )
            return nil
        }
        guard let target = quantityTarget(expression, written: body, line: line, column: column, model: model) else {
            return nil
        }
        return Quantity(target, step: step, notation: notation)
    }

    /// Takes a trailing `+` or `@k` off `body`: the step it names and how it was written.
    private mutating func readStep(of body: inout Substring, line: Int, column: Int) -> (Int, Quantity.Notation)? {
        if body.hasSuffix("+") {
            body = body.dropLast()
            return (1, .plus)
        }
        guard let at = body.lastIndex(of: "@") else { return (0, .none) }
        let stepText = body[body.index(after: at)...]
        let stepColumn = column + body[..<at].unicodeScalars.count + 1
        guard !stepText.isEmpty, stepText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            error(
                line, stepColumn,
                "expected a step count (a whole number from 0 to \(Self.stepLimit)) after '@', found '\(stepText)'")
            return nil
        }
        guard stepText.count <= 7, let value = Int(stepText), value <= Self.stepLimit else {
            error(line, stepColumn, "step \(stepText) is beyond the limit of \(Self.stepLimit) training steps")
            return nil
        }
        body = body[..<at]
        return (value, .at)
    }

    /// What a quantity's expression names: one of the model's names, or a derivative of one by another.
    private mutating func quantityTarget(
        _ expression: Expr, written body: Substring, line: Int, column: Int, model: Model
    )
        -> Quantity.Target?
    {
        switch expression.kind {
        case .name(let name):
            guard model.contains(name) else {
                error(line, column, "unknown name '\(name)'; the model has \(Self.someNames(model))")
                return nil
            }
            return .name(name)
        case .derivative(let a, let b):
            for part in [a, b] where !model.contains(part) {
                error(
                    line, column,
                    "derivative of or by an unknown name '\(part)'; the model has \(Self.someNames(model))")
                return nil
            }
            return .derivative(of: a, by: b)
        default:
            // `dA/dB` with an unknown A or B reads as a division of two unknown names: say which is unknown.
            let parts = body.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ $0.first == "d" && Parser.isName(String($0.dropFirst())) }) {
                for part in parts where !model.contains(String(part.dropFirst())) {
                    error(
                        line, column + body[..<part.startIndex].unicodeScalars.count,
                        "derivative of or by an unknown name '\(part.dropFirst())'; the model has \(Self.someNames(model))"
                    )
                    return nil
                }
            }
            error(
                line, column, "expected a quantity (a name or a derivative such as dE_total/dw5), found an expression")
            return nil
        }
    }

    /// For an unknown name such as `dE_total`: `dA/dB` is a derivative only when A and B are both the model's names.
    static func derivativeHint(_ name: String, _ model: Model) -> String {
        guard name.first == "d", model.contains(String(name.dropFirst())) else { return "" }
        return " ('d\(name.dropFirst())/dB' is a derivative only when B is a name of the model too)"
    }

    /// A short list of the model's names for error messages.
    static func someNames(_ model: Model) -> String {
        let names = model.allNames
        let shown = names.prefix(24).joined(separator: ", ")
        return names.count > 24 ? "\(shown), … (\(names.count) in all)" : shown
    }
}
