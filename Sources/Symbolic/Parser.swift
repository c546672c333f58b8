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
        var parser = Parser(tokens: try lexer.tokenize())
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

    private mutating func expression() throws(ParseError) -> Expr {
        var operands: [Operand] = []
        var operators: [Operator] = []
        var depth = 0

        func reduce() throws(ParseError) {
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

        func push(_ op: Operator, at column: Int) throws(ParseError) {
            if op.nests {
                depth += 1
                if depth > Parser.nestingLimit {
                    throw ParseError("nesting deeper than \(Parser.nestingLimit) levels", column: column)
                }
            }
            operators.append(op)
        }

        var expectOperand = true
        while true {
            let token = advance()
            if expectOperand {
                switch token.kind {
                case .number(let literal):
                    operands.append(.single(.constant(literal.value)))
                    expectOperand = false
                case .derivative(let a, let b):
                    operands.append(.single(.derivative(of: a, by: b)))
                    expectOperand = false
                case .partial:
                    operands.append(.single(try partialDerivative(startingAt: token)))
                    expectOperand = false
                case .identifier(let name):
                    if current.kind == .open {
                        if name == "d" {
                            operands.append(.single(try leibnizDerivative(startingAt: token)))
                            expectOperand = false
                        } else if let function = Parser.functions[name] {
                            let open = advance()
                            try push(.call(function, column: open.column), at: open.column)
                        } else {
                            throw ParseError(
                                "unknown function '\(name)'; expected one of \(Parser.functionList)",
                                column: token.column)
                        }
                    } else if Parser.functions[name] != nil {
                        throw ParseError(
                            "expected '(' after the function '\(name)'", column: token.column + token.length)
                    } else {
                        operands.append(.single(.name(name)))
                        expectOperand = false
                    }
                case .open:
                    try push(.group(column: token.column), at: token.column)
                case .minus:
                    try push(.negate, at: token.column)
                case .plus:
                    break
                case .end:
                    throw ParseError(
                        operands.isEmpty && operators.isEmpty
                            ? "expected an expression" : "expected a number, a name or '(' before the end",
                        column: token.column)
                default:
                    throw ParseError("expected a number, a name or '(', found \(describe(token))", column: token.column)
                }
                continue
            }
            switch token.kind {
            case .plus, .minus, .times, .divide:
                let op: Operator =
                    switch token.kind {
                    case .plus: .add
                    case .minus: .subtract
                    case .times: .multiply
                    default: .divide
                    }
                while let top = operators.last, top.precedence >= op.precedence, top.precedence > 0 { try reduce() }
                operators.append(op)
                expectOperand = true
            case .caret:
                let exponent = try integerExponent()
                guard let base = operands.popLast()?.expr else {
                    throw ParseError("expected a base before '^'", column: token.column)
                }
                operands.append(.single(base.power(exponent)))
                if current.kind == .caret {
                    throw ParseError("'^' after a power is ambiguous; write (a^b)^c", column: current.column)
                }
            case .close:
                while let top = operators.last, top.precedence > 0 { try reduce() }
                guard let marker = operators.popLast() else {
                    throw ParseError("unbalanced ')': no '(' to close", column: token.column)
                }
                depth -= 1
                if case .call(let function, _) = marker, let argument = operands.popLast()?.expr {
                    operands.append(.single(.apply(function, argument)))
                } else if let group = operands.popLast() {
                    operands.append(.single(group.expr))
                }
            case .end:
                while let top = operators.last {
                    if case .group(let column) = top {
                        throw ParseError(
                            "unbalanced '(': expected ')' to close the '(' at column \(column)", column: token.column)
                    }
                    if case .call(_, let column) = top {
                        throw ParseError(
                            "unbalanced '(': expected ')' to close the '(' at column \(column)", column: token.column)
                    }
                    try reduce()
                }
                guard operands.count == 1, let result = operands.first?.expr else {
                    throw ParseError("expected an expression", column: token.column)
                }
                return result
            default:
                throw ParseError("expected an operator or the end, found \(describe(token))", column: token.column)
            }
        }
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
