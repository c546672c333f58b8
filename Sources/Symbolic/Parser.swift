import Exact

/// Reads the fixture format's expression syntax into an `Expr`.
///
/// An operator-precedence parser with explicit stacks rather than recursion, so that deeply
/// nested input is rejected with an error at the nesting limit instead of exhausting the stack.
public struct Parser {
    /// The deepest nesting of parentheses, calls and unary signs accepted.
    public static let nestingLimit = 1_000
    /// The largest exponent magnitude accepted after `^`.
    public static let exponentLimit = 1_000_000

    /// The function names the syntax accepts, with their synonyms.
    public static let functions: [String: ElementaryFunction] = [
        "logistic": .logistic, "sigmoid": .logistic, "σ": .logistic,
        "exp": .exp, "log": .log, "tanh": .tanh, "relu": .relu, "softplus": .softplus, "sqrt": .sqrt,
    ]

    /// Whether `text` is a valid name: a letter or `_`, then letters, digits and `_`.
    public static func isName(_ text: some StringProtocol) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), Lexer.isIdentifierStart(first) else { return false }
        while let next = scalars.next() { guard Lexer.isIdentifierContinue(next) else { return false } }
        return true
    }

    private let tokens: [Token]
    private var index = 0

    /// Parses `text`; `isName` says which identifiers are names of the model (for `dA/dB`).
    public static func parse(_ text: Substring, isName: @escaping (String) -> Bool = { _ in false }) throws(ParseError)
        -> Expr
    {
        var lexer = Lexer(text, isName: isName)
        var parser = Parser(tokens: Self.exponentials(in: try lexer.tokenize(), isName: isName))
        return try parser.expression()
    }

    public static func parse(_ text: String, isName: @escaping (String) -> Bool = { _ in false }) throws(ParseError)
        -> Expr
    {
        try parse(Substring(text), isName: isName)
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private enum Operator {
        case add, subtract, multiply, divide, negate
        case group(column: Int)
        case call(ElementaryFunction, column: Int)

        var precedence: Int {
            switch self {
            case .add, .subtract: 1
            case .multiply, .divide: 2
            case .negate: 3
            case .group, .call: 0
            }
        }

        var nests: Bool {
            switch self {
            case .negate, .group, .call: true
            default: false
            }
        }
    }

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = current
        index += 1
        return token
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .number(let literal): "number '\(literal.text)'"
        case .identifier(let name): "'\(name)'"
        case .derivative(let a, let b): "'d\(a)/d\(b)'"
        case .partial: "'∂'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .times: "'*'"
        case .divide: "'/'"
        case .caret: "'^'"
        case .open: "'('"
        case .close: "')'"
        case .end: "end of expression"
        }
    }

    /// An operand on the parser's stack: a long chain `a + b − c …` or `a·b/c …` is kept as a list
    /// and built into one n-ary node when used, so reading n terms costs O(n), not O(n²).
    private enum Operand {
        case single(Expr)
        case sum([Expr])
        case product([Expr])

        var expr: Expr {
            switch self {
            case .single(let expr): expr
            case .sum(let terms): .sum(terms)
            case .product(let factors): .product(factors)
            }
        }
    }

    /// The operator-precedence parser's working state: operands and pending operators on explicit
    /// stacks, and the nesting depth, so deep input meets the nesting limit instead of the call stack.
    private struct Stacks {
        var operands: [Operand] = []
        var operators: [Operator] = []
        var depth = 0

        /// Pushes `op`; a sign, `(` or call nests, and nesting beyond the limit is an error at `column`.
        mutating func push(_ op: Operator, at column: Int) throws(ParseError) {
            if op.nests {
                depth += 1
                if depth > Parser.nestingLimit {
                    throw ParseError("nesting deeper than \(Parser.nestingLimit) levels", column: column)
                }
            }
            operators.append(op)
        }

        /// Pushes an infix operator after reducing the pending ones that bind at least as tightly.
        mutating func pushInfix(_ op: Operator) {
            while let top = operators.last, top.precedence >= op.precedence, top.precedence > 0 { reduce() }
            operators.append(op)
        }

        /// Raises the last operand to `exponent`; `caret` is the `^` token, blamed when no base precedes it.
        mutating func raiseLastOperand(to exponent: Int, caret: Token) throws(ParseError) {
            guard let base = operands.popLast()?.expr else {
                throw ParseError("expected a base before '^'", column: caret.column)
            }
            operands.append(.single(base.power(exponent)))
        }

        /// At `)`: reduces back to the innermost `(` or call and closes it, applying a call's function.
        mutating func close(at token: Token) throws(ParseError) {
            while let top = operators.last, top.precedence > 0 { reduce() }
            guard let marker = operators.popLast() else {
                throw ParseError("unbalanced ')': no '(' to close", column: token.column)
            }
            depth -= 1
            if case .call(let function, _) = marker, let argument = operands.popLast()?.expr {
                operands.append(.single(.apply(function, argument)))
            } else if let group = operands.popLast() {
                operands.append(.single(group.expr))
            }
        }

        /// At the end: reduces everything into the one expression; a `(` still open is an error at `end`.
        mutating func finish(at end: Token) throws(ParseError) -> Expr {
            while let top = operators.last {
                if case .group(let column) = top {
                    throw ParseError(
                        "unbalanced '(': expected ')' to close the '(' at column \(column)", column: end.column)
                }
                if case .call(_, let column) = top {
                    throw ParseError(
                        "unbalanced '(': expected ')' to close the '(' at column \(column)", column: end.column)
                }
                reduce()
            }
            guard operands.count == 1, let result = operands.first?.expr else {
                throw ParseError("expected an expression", column: end.column)
            }
            return result
        }

        /// Applies the top operator to the operands it takes, extending a sum or product chain in place.
        mutating func reduce() {
            guard let op = operators.popLast() else { return }
            switch op {
            case .negate:
                guard let operand = operands.popLast() else { return }
                operands.append(.single(-operand.expr))
                depth -= 1
            case .add, .subtract:
                guard let right = operands.popLast()?.expr, let left = operands.popLast() else { return }
                // Consuming the operand keeps the list uniquely referenced, so appending is O(1).
                var terms: [Expr]
                switch consume left {
                case .sum(let existing): terms = existing
                case let other: terms = [other.expr]
                }
                if case .subtract = op { terms.append(-right) } else { terms.append(right) }
                operands.append(.sum(terms))
            case .multiply, .divide:
                guard let right = operands.popLast()?.expr, let left = operands.popLast() else { return }
                var factors: [Expr]
                switch consume left {
                case .product(let existing): factors = existing
                case let other: factors = [other.expr]
                }
                if case .divide = op { factors.append(right.power(-1)) } else { factors.append(right) }
                operands.append(.product(factors))
            case .group, .call:
                operators.append(op)
            }
        }
    }

    /// Reads the tokens, alternating between expecting an operand and expecting an operator.
    private mutating func expression() throws(ParseError) -> Expr {
        var stacks = Stacks()
        var expectOperand = true
        while true {
            let token = advance()
            if expectOperand {
                expectOperand = try readOperand(token, into: &stacks)
            } else if token.kind == .end {
                return try stacks.finish(at: token)
            } else {
                expectOperand = try readOperator(token, into: &stacks)
            }
        }
    }

    /// Reads `token` where an operand is due: a number, a name, a derivative, or a prefix (a sign,
    /// `(`, a function's opening). Returns whether an operand is still due.
    private mutating func readOperand(_ token: Token, into stacks: inout Stacks) throws(ParseError) -> Bool {
        switch token.kind {
        case .number(let literal):
            stacks.operands.append(.single(.constant(literal.value)))
        case .derivative(let a, let b):
            stacks.operands.append(.single(.derivative(of: a, by: b)))
        case .partial:
            stacks.operands.append(.single(try partialDerivative(startingAt: token)))
        case .identifier(let name):
            return try readIdentifier(name, token: token, into: &stacks)
        case .open:
            try stacks.push(.group(column: token.column), at: token.column)
            return true
        case .minus:
            try stacks.push(.negate, at: token.column)
            return true
        case .plus:
            return true
        case .end:
            throw ParseError(
                stacks.operands.isEmpty && stacks.operators.isEmpty
                    ? "expected an expression" : "expected a number, a name or '(' before the end",
                column: token.column)
        default:
            throw ParseError("expected a number, a name or '(', found \(describe(token))", column: token.column)
        }
        return false
    }

    /// Reads the identifier `name` where an operand is due: a name, a function's opening, or the `d`
    /// of `d(A)/d(B)`. Returns whether an operand is still due (after a function's opening).
    private mutating func readIdentifier(_ name: String, token: Token, into stacks: inout Stacks) throws(ParseError)
        -> Bool
    {
        if current.kind == .open {
            if name == "d" {
                stacks.operands.append(.single(try leibnizDerivative(startingAt: token)))
                return false
            }
            guard let function = Parser.functions[name] else {
                throw ParseError(
                    "unknown function '\(name)'; expected one of \(Parser.functionList)", column: token.column)
            }
            let open = advance()
            try stacks.push(.call(function, column: open.column), at: open.column)
            return true
        }
        if Parser.functions[name] != nil {
            throw ParseError("expected '(' after the function '\(name)'", column: token.column + token.length)
        }
        stacks.operands.append(.single(.name(name)))
        return false
    }

    /// Reads `token` after an operand, other than the end: an infix operator, `^` with its exponent,
    /// or `)`. Returns whether an operand is due next.
    private mutating func readOperator(_ token: Token, into stacks: inout Stacks) throws(ParseError) -> Bool {
        switch token.kind {
        case .plus: stacks.pushInfix(.add)
        case .minus: stacks.pushInfix(.subtract)
        case .times: stacks.pushInfix(.multiply)
        case .divide: stacks.pushInfix(.divide)
        case .caret:
            let exponent = try integerExponent()
            try stacks.raiseLastOperand(to: exponent, caret: token)
            if current.kind == .caret {
                throw ParseError("'^' after a power is ambiguous; write (a^b)^c", column: current.column)
            }
            return false
        case .close:
            try stacks.close(at: token)
            return false
        default:
            throw ParseError("expected an operator or the end, found \(describe(token))", column: token.column)
        }
        return true
    }

    private static var functionList: String {
        ["logistic", "sigmoid", "σ", "exp", "log", "tanh", "relu", "softplus", "sqrt"].joined(separator: ", ")
    }

    /// After `^`: an integer, optionally signed, optionally in parentheses.
    private mutating func integerExponent() throws(ParseError) -> Int {
        let parenthesised = current.kind == .open
        if parenthesised { _ = advance() }
        var negative = false
        if current.kind == .minus || current.kind == .plus {
            negative = current.kind == .minus
            _ = advance()
        }
        let token = advance()
        guard case .number(let literal) = token.kind, literal.value.isInteger,
            let magnitude = literal.value.numerator.exactInt, magnitude <= Parser.exponentLimit
        else {
            throw ParseError(
                "expected an integer exponent (at most \(Parser.exponentLimit)) after '^'", column: token.column)
        }
        if parenthesised {
            let close = advance()
            guard close.kind == .close else {
                throw ParseError("expected ')' after the exponent", column: close.column)
            }
        }
        return negative ? -magnitude : magnitude
    }

    private mutating func expectName(after what: String) throws(ParseError) -> String {
        let token = advance()
        guard case .identifier(let name) = token.kind else {
            throw ParseError("expected a name after \(what), found \(describe(token))", column: token.column)
        }
        return name
    }

    private mutating func expect(_ kind: Token.Kind, _ text: String) throws(ParseError) {
        let token = advance()
        guard token.kind == kind else {
            throw ParseError("expected \(text), found \(describe(token))", column: token.column)
        }
    }

    /// `∂A/∂B`
    private mutating func partialDerivative(startingAt token: Token) throws(ParseError) -> Expr {
        let quantity = try expectName(after: "'∂'")
        try expect(.divide, "'/' in ∂A/∂B")
        try expect(.partial, "'∂' in ∂A/∂B")
        let variable = try expectName(after: "'∂'")
        return .derivative(of: quantity, by: variable)
    }

    /// `d(A)/d(B)`
    private mutating func leibnizDerivative(startingAt token: Token) throws(ParseError) -> Expr {
        try expect(.open, "'(' in d(A)/d(B)")
        let quantity = try expectName(after: "'d('")
        try expect(.close, "')' in d(A)/d(B)")
        try expect(.divide, "'/' in d(A)/d(B)")
        let d = advance()
        guard case .identifier("d") = d.kind else {
            throw ParseError("expected 'd(' in d(A)/d(B), found \(describe(d))", column: d.column)
        }
        try expect(.open, "'(' in d(A)/d(B)")
        let variable = try expectName(after: "'d('")
        try expect(.close, "')' in d(A)/d(B)")
        return .derivative(of: quantity, by: variable)
    }
}
