import Exact

/// One lexical unit of an expression, with the column (in Unicode scalars, from 1) where it starts.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case number(DecimalLiteral)
        case identifier(String)
        /// `dA/dB` written without spaces, recognised because A and B are names of the model.
        case derivative(of: String, by: String)
        case partial
        case plus, minus, times, divide, caret, open, close
        case end
    }

    let kind: Kind
    let column: Int
    /// The columns the token spans.
    let length: Int
}

/// Splits an expression into tokens; `isName` tells which identifiers are names of the model,
/// so that `dA/dB` can be read as a derivative.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let isName: (String) -> Bool
    private var position = 0

    init(_ text: Substring, isName: @escaping (String) -> Bool) {
        scalars = Array(text.unicodeScalars)
        self.isName = isName
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.properties.isAlphabetic && scalar != "∂")
    }

    static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }

    mutating func tokenize() throws(ParseError) -> [Token] {
        var tokens: [Token] = []
        while true {
            while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
            guard position < scalars.count else {
                tokens.append(Token(kind: .end, column: position + 1, length: 0))
                return tokens
            }
            tokens.append(try next())
        }
    }

    private mutating func next() throws(ParseError) -> Token {
        let start = position
        let scalar = scalars[position]
        func single(_ kind: Token.Kind) -> Token {
            position += 1
            return Token(kind: kind, column: start + 1, length: 1)
        }
        switch scalar {
        case "+": return single(.plus)
        case "-", "−": return single(.minus)
        case "*", "·", "×": return single(.times)
        case "/": return single(.divide)
        case "^": return single(.caret)
        case "(", "{": return single(.open)
        case ")", "}": return single(.close)
        case "∂": return single(.partial)
        default: break
        }
        if ("0"..."9").contains(scalar) || scalar == "." {
            return try number()
        }
        if Self.isIdentifierStart(scalar) || (scalar == "\\" && wrapper(at: position) != nil) {
            let name = identifier()
            if let derivative = derivativeWithoutSpaces(after: name) {
                return Token(kind: derivative, column: start + 1, length: position - start)
            }
            return Token(kind: .identifier(name), column: start + 1, length: position - start)
        }
        throw ParseError("unexpected character '\(scalar)'", column: start + 1)
    }

    /// A name as people paste it: letters, digits and `_`, with LaTeX's `_{…}` subscripts and
    /// `\text{…}`, `\mathrm{…}`, `\mathit{…}` wrappers kept verbatim (`net_{h1}`, `\text{out}_{o1}`);
    /// the model resolves such a spelling to its own name.
    private mutating func identifier() -> String {
        var name = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            if name.isEmpty ? Self.isIdentifierStart(scalar) : Self.isIdentifierContinue(scalar) {
                name.append(scalar)
                position += 1
            } else if let end = wrapper(at: position) ?? subscriptGroup(at: position, after: name.last) {
                name.append(contentsOf: scalars[position..<end])
                position = end
            } else {
                break
            }
        }
        return String(name)
    }

    /// The end of a `\text{word}` (or `\mathrm`, `\mathit`) starting at `start`, if there is one.
    private func wrapper(at start: Int) -> Int? {
        guard start < scalars.count, scalars[start] == "\\" else { return nil }
        for command in ["text", "mathrm", "mathit"] {
            let letters = Array(command.unicodeScalars)
            let open = start + 1 + letters.count
            guard open < scalars.count, Array(scalars[(start + 1)..<open]) == letters, scalars[open] == "{" else {
                continue
            }
            return groupEnd(from: open + 1)
        }
        return nil
    }

    /// The end of a `{…}` subscript group right after `_` (`net_{h1}`), if there is one.
    private func subscriptGroup(at start: Int, after previous: Unicode.Scalar?) -> Int? {
        guard previous == "_", start < scalars.count, scalars[start] == "{" else { return nil }
        return groupEnd(from: start + 1)
    }

    /// Past the `}` that closes a group of name characters (or one wrapper) starting at `from`.
    private func groupEnd(from: Int) -> Int? {
        var index = from
        while index < scalars.count, Self.isIdentifierContinue(scalars[index]) { index += 1 }
        if index < scalars.count, scalars[index] == "\\", let end = wrapper(at: index) { index = end }
        while index < scalars.count, Self.isIdentifierContinue(scalars[index]) { index += 1 }
        guard index < scalars.count, scalars[index] == "}", index > from else { return nil }
        return index + 1
    }

    /// After reading `dA`, checks for `/dB` with no spaces where A and B are model names.
    private mutating func derivativeWithoutSpaces(after first: String) -> Token.Kind? {
        guard first.count > 1, first.hasPrefix("d"), position < scalars.count, scalars[position] == "/" else {
            return nil
        }
        let saved = position
        position += 1
        guard position < scalars.count, scalars[position] == "d" else {
            position = saved
            return nil
        }
        let second = identifier()
        let quantity = String(first.dropFirst())
        let variable = String(second.dropFirst())
        guard second.count > 1, isName(quantity), isName(variable) else {
            position = saved
            return nil
        }
        return .derivative(of: quantity, by: variable)
    }

    private mutating func number() throws(ParseError) -> Token {
        let start = position
        while position < scalars.count, ("0"..."9").contains(scalars[position]) || scalars[position] == "." {
            position += 1
        }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            var look = position + 1
            if look < scalars.count, scalars[look] == "+" || scalars[look] == "-" { look += 1 }
            if look < scalars.count, ("0"..."9").contains(scalars[look]) {
                position = look
                while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 }
            }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<position])
        do {
            let literal = try DecimalLiteral(parsing: String(text))
            return Token(kind: .number(literal), column: start + 1, length: position - start)
        } catch {
            let column: Int
            if case .unexpected(_, let offset) = error { column = start + offset + 1 } else { column = start + 1 }
            throw ParseError("malformed number '\(String(text))': \(error)", column: column)
        }
    }
}
