import Exact

extension MathParser {
    /// Commands that read as functions, and the function each names.
    static let functionCommands: [String: ElementaryFunction] = [
        "exp": .exp, "log": .log, "ln": .log, "tanh": .tanh, "sqrt": .sqrt, "sigma": .logistic,
    ]
    /// Words that read as functions when the model has no such name.
    static let functionWords: [String: ElementaryFunction] = [
        "exp": .exp, "log": .log, "ln": .log, "tanh": .tanh, "sqrt": .sqrt, "sigmoid": .logistic, "σ": .logistic,
        "logistic": .logistic, "relu": .relu, "ReLU": .relu, "ReLu": .relu, "softplus": .softplus,
    ]
    /// What is skipped on sight, and why.
    static let refused: [String: String] = [
        "sum": "a sum over an index (\\sum)", "prod": "a product over an index (\\prod)", "int": "an integral",
        "dots": "an ellipsis", "ldots": "an ellipsis", "cdots": "an ellipsis", "vdots": "an ellipsis",
        "ddots": "an ellipsis", "lim": "a limit", "max": "a maximum", "min": "a minimum",
        "nabla": "a gradient (\\nabla)",
        "neq": "a relation other than '='", "ne": "a relation other than '='", "leq": "a relation other than '='",
        "geq": "a relation other than '='", "le": "a relation other than '='", "ge": "a relation other than '='",
        "in": "set membership", "forall": "a quantifier", "mid": "a condition",
    ]
    /// Wrappers whose braced text is (part of) a name: `\text{out}_{o1}`.
    static let textWrappers: Set<String> = [
        "text", "mathrm", "mathit", "textrm", "textit", "mathbf", "textbf", "boldsymbol", "mathsf", "operatorname",
        "bm",
    ]
    /// Size commands before a bracket, which change nothing.
    static let sizes: Set<String> = ["big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr"]
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε", "varepsilon": "ε",
        "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "rho": "ρ", "tau": "τ", "phi": "φ", "psi": "ψ",
        "omega": "ω", "xi": "ξ", "zeta": "ζ", "kappa": "κ", "nu": "ν", "pi": "π",
    ]

    /// Whether `token` can start a factor written right after another (implicit multiplication).
    func startsPrimary(_ token: MathToken) -> Bool {
        switch token.kind {
        case .number, .word: return true
        case .symbol(let character): return character == "(" || character == "[" || character == "{"
        case .command(let name):
            return ["frac", "dfrac", "tfrac", "left", "partial", "boxed"].contains(name)
                || Self.functionCommands[name] != nil || Self.textWrappers.contains(name) || Self.greek[name] != nil
                || Self.sizes.contains(name) || Self.refused[name] != nil
        }
    }

    /// A number, a name, a bracketed expression, a fraction, a function applied, or a derivative.
    mutating func primary() throws(SkipReason) -> MathNode {
        guard let token = advance() else { throw SkipReason("an operator with nothing after it") }
        switch token.kind {
        case .number(let digits):
            if let next = peek, next.isSymbol(","), index + 1 < tokens.count,
                case .number = tokens[index + 1].kind, next.end == tokens[index + 1].start
            {
                let fraction = tokens[index + 1].kind
                throw SkipReason("a decimal comma: \(digits),\(Self.text(fraction)) (write a point)", at: token.start)
            }
            guard let literal = try? DecimalLiteral(parsing: digits) else { throw unexpected(token) }
            return .number(NumberLeaf(literal: literal, printed: digits, start: token.start))
        case .word(let word):
            return try wordPrimary(word, token)
        case .symbol(let character):
            let closers: [Character: Character] = ["(": ")", "[": "]", "{": "}"]
            guard let closer = closers[character] else {
                if character == "." { throw SkipReason("an ellipsis", at: token.start) }
                if character == "'" { throw SkipReason("a derivative written with a prime", at: token.start) }
                throw unexpected(token)
            }
            return try bracketed(closing: closer)
        case .command(let name):
            return try commandPrimary(name, token)
        }
    }

    /// The expression up to `closing`, which is consumed.
    mutating func bracketed(closing: Character) throws(SkipReason) -> MathNode {
        let node = try expression()
        guard let token = advance() else { throw SkipReason("an unclosed bracket: expected '\(closing)'") }
        guard token.isSymbol(closing) else { throw unexpected(token) }
        return node
    }

    /// `\left( … \right)` with any bracket.
    mutating func leftRight() throws(SkipReason) -> MathNode {
        let closers: [Character: Character] = ["(": ")", "[": "]"]
        guard let opener = advance(), let closer = symbolOf(opener).flatMap({ closers[$0] }) else {
            throw SkipReason("an unusual '\\left' bracket")
        }
        let node = try expression()
        guard let right = advance(), right.isCommand("right"), let closing = advance(),
            closing.isSymbol(closer)
        else { throw SkipReason("'\\left' without its '\\right'", at: opener.start) }
        return node
    }

    func symbolOf(_ token: MathToken) -> Character? {
        if case .symbol(let character) = token.kind { return character }
        return nil
    }

    /// A word: a function (`exp`, `sigmoid`) when the model has no such name, `e^{…}`, or a name.
    private mutating func wordPrimary(_ word: String, _ token: MathToken) throws(SkipReason) -> MathNode {
        if let function = Self.functionWords[word], !isModelName(word), let next = peek, !next.isSymbol("_") {
            return .call(function, try argument())
        }
        if word == "e", !isModelName("e"), let next = peek, next.isSymbol("^") {
            index += 1
            return .call(.exp, try exponentArgument())
        }
        return .name(try nameTail(base: word, start: token.start, end: token.end))
    }

    /// The argument of `e^`: a braced expression, a bracketed one, or one signed primary.
    private mutating func exponentArgument() throws(SkipReason) -> MathNode {
        guard let token = peek else { throw SkipReason("nothing after 'e^'") }
        if token.isSymbol("{") || token.isSymbol("(") {
            return try nested { (parser: inout MathParser) throws(SkipReason) in try parser.primary() }
        }
        var negative = false
        if token.isSymbol("-") {
            negative = true
            index += 1
        }
        let node = try nested { (parser: inout MathParser) throws(SkipReason) in try parser.primary() }
        return negative ? .negate(node) : node
    }

    /// A function's argument: `(x)`, `{x}`, `\left(x\right)`, or one primary (`\exp x`).
    mutating func argument() throws(SkipReason) -> MathNode {
        try nested { (parser: inout MathParser) throws(SkipReason) in try parser.primary() }
    }
}
