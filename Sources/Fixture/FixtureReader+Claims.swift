import Exact
import Foundation
import Symbolic

extension FixtureReader {
    /// One `[claims]` line: `QUANTITY = NUMBER` or `QUANTITY == EXPRESSION`.
    mutating func readClaim(_ line: Line, model: Model, training: TrainingSpec?) -> Claim? {
        let text = line.text
        let isName: (String) -> Bool = { model.contains($0) }
        let isFormula: Bool
        let left: Substring
        let right: Substring
        if let range = text.range(of: "==") {
            isFormula = true
            left = text[..<range.lowerBound]
            right = text[range.upperBound...]
        } else if let equals = text.firstIndex(of: "=") {
            isFormula = false
            left = text[..<equals]
            right = text[text.index(after: equals)...]
        } else {
            let start = text.unicodeScalars.prefix(while: { $0.properties.isWhitespace }).count + 1
            error(line.number, start, "expected 'QUANTITY = NUMBER' or 'QUANTITY == FORMULA'")
            return nil
        }
        let leftTrimmed = left.drop(while: { $0 == " " || $0 == "\t" })
        let leftColumn = Self.column(of: leftTrimmed, in: text, indent: 0)
        guard
            let quantity = readQuantity(
                Substring(leftTrimmed.trimmingCharacters(in: .whitespaces)), line: line.number, column: leftColumn,
                model: model, isName: isName)
        else {
            return nil
        }
        if quantity.step > 0, training == nil {
            error(line.number, leftColumn, "a claim after training (\(quantity)) needs a [training] section")
            return nil
        }
        let rightTrimmed = right.drop(while: { $0 == " " || $0 == "\t" })
        let rightColumn = Self.column(of: rightTrimmed, in: text, indent: 0)
        let printed = rightTrimmed.trimmingCharacters(in: .whitespaces)
        guard !printed.isEmpty else {
            error(line.number, rightColumn, isFormula ? "expected a formula after '=='" : "expected a number after '='")
            return nil
        }
        if isFormula {
            if quantity.step != 0 {
                let trainedPlus: Bool
                if case .name(let name) = quantity.target, quantity.notation == .plus,
                    training?.parameters.contains(name) == true
                {
                    trainedPlus = true
                } else {
                    trainedPlus = false
                }
                guard trainedPlus else {
                    if case .name(let name) = quantity.target, quantity.notation == .plus {
                        let listed =
                            training.map { " (trained: \($0.parameters.joined(separator: " ")))" }
                            ?? " (the fixture has no [training] section)"
                        error(
                            line.number, leftColumn,
                            "'\(name)+' as a formula needs '\(name)' to be a trained parameter\(listed)")
                        return nil
                    }
                    error(
                        line.number, leftColumn,
                        "formula claims take no step; only 'p+' for a trained parameter p may be claimed as a formula")
                    return nil
                }
            }
            do {
                let expression = try Parser.parse(Substring(printed), isName: isName)
                for name in expression.names where !model.contains(name) {
                    let at = printed.range(of: name).map { printed[..<$0.lowerBound].unicodeScalars.count } ?? 0
                    error(
                        line.number, rightColumn + at,
                        "unknown name '\(name)' in the formula\(Self.derivativeHint(name, model))")
                    return nil
                }
                for (a, b) in expression.derivatives {
                    for part in [a, b] where !model.contains(part) {
                        error(line.number, rightColumn, "derivative of or by an unknown name '\(part)'")
                        return nil
                    }
                }
                return Claim(
                    line: line.number, quantity: quantity, kind: .formula(expression), printed: printed, note: line.note
                )
            } catch {
                self.error(
                    line.number, rightColumn + error.column - 1, Self.message(of: error, startingAt: rightColumn))
                return nil
            }
        }
        do {
            let literal = try DecimalLiteral(parsing: printed)
            return Claim(
                line: line.number, quantity: quantity, kind: .numeric(literal), printed: printed, note: line.note)
        } catch {
            self.error(
                line.number, rightColumn + Self.offset(of: error),
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
        var step = 0
        var notation = Quantity.Notation.none
        if body.hasSuffix("+") {
            body = body.dropLast()
            step = 1
            notation = .plus
        } else if let at = body.lastIndex(of: "@") {
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
            step = value
            notation = .at
            body = body[..<at]
        }
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
        switch expression.kind {
        case .name(let name):
            guard model.contains(name) else {
                error(line, column, "unknown name '\(name)'; the model has \(Self.someNames(model))")
                return nil
            }
            return Quantity(.name(name), step: step, notation: notation)
        case .derivative(let a, let b):
            for part in [a, b] where !model.contains(part) {
                error(
                    line, column,
                    "derivative of or by an unknown name '\(part)'; the model has \(Self.someNames(model))")
                return nil
            }
            return Quantity(.derivative(of: a, by: b), step: step, notation: notation)
        default:
            // `dA/dB` with an unknown A or B reads as a division of two unknown names: say which is unknown.
            let parts = body.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ $0.first == "d" && Parser.isName(String($0.dropFirst())) }) {
                let names = parts.map { String($0.dropFirst()) }
                for (part, name) in zip(parts, names) where !model.contains(name) {
                    error(
                        line, column + body[..<part.startIndex].unicodeScalars.count,
                        "derivative of or by an unknown name '\(name)'; the model has \(Self.someNames(model))")
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
