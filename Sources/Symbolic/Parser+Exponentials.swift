extension Parser {
    /// `e^x`, `e^{x}`, `e^(x)` and `e^-x` rewritten as `exp(…)` when `e` is not a name of the model.
    static func exponentials(in tokens: [Token], isName: (String) -> Bool) -> [Token] {
        guard !isName("e") else { return tokens }
        var result: [Token] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .identifier("e"), index + 2 < tokens.count, tokens[index + 1].kind == .caret else {
                result.append(token)
                index += 1
                continue
            }
            let exp = Token(kind: .identifier("exp"), column: token.column, length: 1)
            if tokens[index + 2].kind == .open {
                result.append(exp)
                index += 2
                continue
            }
            var operand = index + 2
            if tokens[operand].kind == .minus, operand + 1 < tokens.count { operand += 1 }
            switch tokens[operand].kind {
            case .number, .identifier, .derivative:
                result.append(exp)
                result.append(Token(kind: .open, column: tokens[index + 1].column, length: 0))
                result.append(contentsOf: tokens[(index + 2)...operand])
                result.append(Token(kind: .close, column: tokens[operand].column + tokens[operand].length, length: 0))
                index = operand + 1
            default:
                result.append(token)
                index += 1
            }
        }
        return result
    }
}
