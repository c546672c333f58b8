import Exact
import Foundation
import Symbolic

extension FixtureReader {
    /// What every claim is read against: the model's names, its training and its data.
    struct ClaimContext {
        var resolver: NameResolver
        var model: Model
        var training: TrainingSpec?
        var data: DataSet?
    }

    /// One `[claims]` line: `QUANTITY = NUMBER` or `QUANTITY == EXPRESSION`.
    mutating func readClaim(_ line: Line, group: String?, context: ClaimContext) -> Claim? {
        let resolver = context.resolver
        let training = context.training
        let text = line.text
        guard let (left, right, isFormula) = Self.sides(of: text) else {
            let start = text.unicodeScalars.prefix(while: { $0.properties.isWhitespace }).count + 1
            error(line.number, start, "expected 'QUANTITY = NUMBER' or 'QUANTITY == FORMULA'")
            return nil
        }
        let leftTrimmed = left.drop(while: { $0 == " " || $0 == "\t" })
        let leftColumn = Self.column(of: leftTrimmed, in: text, indent: 0)
        let quantityText = Substring(leftTrimmed.trimmingSpaces)
        guard
            let quantity = readQuantity(
                quantityText, line: line.number, column: leftColumn, resolver: resolver),
            sampleIsRight(quantity, context: context, line: line.number, column: leftColumn)
        else { return nil }
        if quantity.step > 0, training == nil {
            if let first = firstClaimAfterTraining {
                otherUses[first, default: []].append(line.number)
            } else {
                firstClaimAfterTraining = diagnostics.count
                error(line.number, leftColumn, "a claim after training (\(quantity)) needs a [training] section")
            }
            return nil
        }
        let rightTrimmed = right.drop(while: { $0 == " " || $0 == "\t" })
        let place = Place(line: line.number, column: Self.column(of: rightTrimmed, in: text, indent: 0))
        let printed = rightTrimmed.trimmingSpaces
        guard !printed.isEmpty else {
            error(place.line, place.column, isFormula ? "expected a formula after '=='" : "expected a number after '='")
            return nil
        }
        guard isFormula else { return readNumber(printed, for: quantity, at: place, note: line.note, group: group) }
        guard formulaStepIsAllowed(quantity, training: training, line: line.number, column: leftColumn) else {
            return nil
        }
        guard let expression = readFormula(printed, at: place, resolver: resolver) else { return nil }
        return Claim(
            line: line.number, quantity: quantity, kind: .formula(expression), printed: printed, note: line.note,
            group: group)
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

    /// The right side of `QUANTITY == FORMULA`, every name in it resolved to the model's spelling.
    private mutating func readFormula(_ printed: String, at place: Place, resolver: NameResolver) -> Expr? {
        let expression: Expr
        do {
            expression = try Parser.parse(Substring(printed), isName: resolver.isName)
        } catch {
            self.error(place.line, place.column + error.column - 1, Self.message(of: error, startingAt: place.column))
            return nil
        }
        return resolvingNames(
            in: expression, resolver: resolver, text: Substring(printed), line: place.line, column: place.column,
            context: "in the formula")
    }

    /// The right side of `QUANTITY = NUMBER`, read exactly with its printed precision.
    private mutating func readNumber(
        _ printed: String, for quantity: Quantity, at place: Place, note: String?, group: String?
    ) -> Claim? {
        do {
            let literal = try DecimalLiteral(parsing: printed)
            return Claim(
                line: place.line, quantity: quantity, kind: .numeric(literal), printed: printed, note: note,
                group: group)
        } catch {
            self.error(
                place.line, place.column + Self.offset(of: error),
                "expected a number after '=', found '\(printed)': \(error); to claim a formula write '=='")
            return nil
        }
    }

    /// `name`, `dA/dB`, `∂A/∂B` or `d(A)/d(B)`, optionally followed by `@k` or `+`.
    private mutating func readQuantity(
        _ text: Substring, line: Int, column: Int, resolver: NameResolver
    ) -> Quantity? {
        guard !text.isEmpty else {
            error(line, column, "expected a quantity (a name or a derivative such as dE_total/dw5) before '='")
            return nil
        }
        var body = text
        guard let (step, notation) = readStep(of: &body, line: line, column: column),
            let sample = readSample(of: &body, line: line, column: column)
        else { return nil }
        let expression: Expr
        do {
            expression = try Parser.parse(body, isName: resolver.isName)
        } catch {
            self.error(
                line, column + error.column - 1,
                "expected a quantity (a name or a derivative such as dE_total/dw5): "
                    + Self.message(of: error, startingAt: column)
            )
            return nil
        }
        guard let target = quantityTarget(expression, written: body, line: line, column: column, resolver: resolver)
        else {
            return nil
        }
        return Quantity(target, step: step, notation: notation, sample: sample == 0 ? nil : sample)
    }

    /// Takes a trailing `+` or `@k` off `body`: the step it names and how it was written.
    private mutating func readStep(of body: inout Substring, line: Int, column: Int) -> (Int, Quantity.Notation)? {
        // `p+`, and as pasted: `p^+`, `p^{+}`, `p⁺`.
        for suffix in ["^{+}", "^+", "⁺", "+"] where body.hasSuffix(suffix) {
            body = body.dropLast(suffix.count)
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
        _ expression: Expr, written body: Substring, line: Int, column: Int, resolver: NameResolver
    ) -> Quantity.Target? {
        switch expression.kind {
        case .name(let name):
            guard let resolved = resolvedName(name, resolver: resolver, line: line, column: column) else { return nil }
            return .name(resolved)
        case .derivative(let a, let b):
            guard let quantity = resolvedName(a, resolver: resolver, line: line, column: column),
                let variable = resolvedName(b, resolver: resolver, line: line, column: column)
            else { return nil }
            return .derivative(of: quantity, by: variable)
        default:
            // `dA/dB` with an unknown A or B reads as a division of two unknown names: say which is unknown.
            let parts = body.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ $0.first == "d" && $0.count > 1 }) {
                for part in parts {
                    let at = column + body[..<part.startIndex].unicodeScalars.count
                    guard resolvedName(String(part.dropFirst()), resolver: resolver, line: line, column: at) != nil
                    else {
                        return nil
                    }
                }
            }
            error(
                line, column, "expected a quantity (a name or a derivative such as dE_total/dw5), found an expression")
            return nil
        }
    }

    /// The model's spelling of a claimed name, or `nil` after reporting it (once per name).
    private mutating func resolvedName(_ name: String, resolver: NameResolver, line: Int, column: Int) -> String? {
        let resolution = resolver.resolve(name)
        if case .name(let resolved) = resolution { return resolved }
        reportUnknown(name, resolution, line: line, column: column, context: "in the claim")
        return nil
    }

    /// Takes a trailing `[s]` off `body`: the sample it names (0 for none).
    private mutating func readSample(of body: inout Substring, line: Int, column: Int) -> Int? {
        guard body.hasSuffix("]"), let open = body.lastIndex(of: "[") else { return 0 }
        let digits = body[body.index(after: open)..<body.index(before: body.endIndex)]
        guard let sample = Int(digits), sample >= 1, digits.count <= 7 else {
            error(
                line, column + body[..<open].unicodeScalars.count,
                "expected a sample number (from 1) in '[…]', found '\(digits)'")
            return nil
        }
        body = body[..<open]
        return sample
    }

    /// A quantity on one sample needs `[s]` with several samples (the training loss and its
    /// derivatives excepted: without `[s]` they are the loss over the whole data set), and `[s]`
    /// needs a sample that exists.
    private mutating func sampleIsRight(_ quantity: Quantity, context: ClaimContext, line: Int, column: Int) -> Bool {
        let count = context.data?.samples.count ?? 1
        if let sample = quantity.sample {
            guard sample <= count, context.data != nil else {
                let what = context.data == nil ? "the fixture has no [data] section" : "the [data] has \(count) samples"
                error(line, column, "no sample \(sample): \(what)")
                return false
            }
            return true
        }
        guard count > 1, let data = context.data else { return true }
        let head: String
        switch quantity.target {
        case .name(let name): head = name
        case .derivative(let of, _): head = of
        }
        if head == context.training?.loss { return true }
        guard data.names.contains(where: { context.model.depends(head, on: $0) }) else { return true }
        error(
            line, column,
            "\(quantity.targetDescription) differs between the [data]'s \(count) samples: claim it on one, such as "
                + "\(quantity.targetDescription)[1]")
        return false
    }
}
