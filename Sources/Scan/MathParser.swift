import Exact

/// Reads one segment of LaTeX math (the text between two top-level `=`) into a `MathNode`:
/// sums, products with `*`, `\cdot`, `\times` or juxtaposition, `\frac`, powers with an integer
/// exponent, `e^{…}` and the elementary functions, names with subscripts and `^+` marks, and
/// derivatives `\frac{\partial A}{\partial B}`, `\partial A/\partial B`, `dA/dB`. Anything else
/// throws a `SkipReason`. Recursion is bounded by `depthLimit` levels of nesting.
struct MathParser {
    static let depthLimit = 100

    let tokens: [MathToken]
    /// Whether a written name is one of the model's (`e` is then not Euler's number).
    let isModelName: (String) -> Bool
    var index = 0
    var depth = 0

    init(_ tokens: [MathToken], isModelName: @escaping (String) -> Bool) {
        self.tokens = tokens
        self.isModelName = isModelName
    }

    /// The whole segment as one expression.
    static func parse(_ tokens: [MathToken], isModelName: @escaping (String) -> Bool) throws(SkipReason) -> MathNode {
        var parser = MathParser(tokens, isModelName: isModelName)
        guard !parser.tokens.isEmpty else { throw SkipReason("an empty segment") }
        let node = try parser.expression()
        if let extra = parser.peek { throw parser.unexpected(extra) }
        return node
    }

    var peek: MathToken? { index < tokens.count ? tokens[index] : nil }

    mutating func advance() -> MathToken? {
        guard index < tokens.count else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    func unexpected(_ token: MathToken) -> SkipReason {
        switch token.kind {
        case .symbol(let character): SkipReason("unexpected '\(character)'", at: token.start)
        case .command(let name): SkipReason("unexpected '\\\(name)'", at: token.start)
        case .word(let word): SkipReason("unexpected '\(word)'", at: token.start)
        case .number(let number): SkipReason("unexpected '\(number)'", at: token.start)
        }
    }

    /// Runs `body` one nesting level deeper, refusing to go past the limit.
    mutating func nested<T>(_ body: (inout MathParser) throws(SkipReason) -> T) throws(SkipReason) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.depthLimit else { throw SkipReason("nested more than \(Self.depthLimit) levels deep") }
        return try body(&self)
    }

    /// Terms joined by `+` and `-`.
    mutating func expression() throws(SkipReason) -> MathNode {
        var terms = [MathNode.Term(node: try signed(), negative: false)]
        while let token = peek, token.isSymbol("+") || token.isSymbol("-") || token.isCommand("pm") {
            if token.isCommand("pm") { throw SkipReason("'±' is not one value", at: token.start) }
            index += 1
            terms.append(MathNode.Term(node: try signed(), negative: token.isSymbol("-")))
        }
        return terms.count == 1 && !terms[0].negative ? terms[0].node : .sum(terms)
    }

    /// A term with any number of leading signs (`-x`, `- -x`, `+x`): an odd count negates.
    mutating func signed() throws(SkipReason) -> MathNode {
        var negative = false
        while let token = peek, token.isSymbol("-") || token.isSymbol("+") {
            if token.isSymbol("-") { negative.toggle() }
            index += 1
        }
        let node = try term()
        return negative ? .negate(node) : node
    }

    static let multiplications: Set<String> = ["cdot", "times", "ast"]

    /// Factors joined by `*`, `/`, `\cdot`, `\times` or written side by side.
    mutating func term() throws(SkipReason) -> MathNode {
        var factors = [MathNode.Factor(node: try power(), divides: false)]
        while let token = peek {
            if token.isSymbol("*") || token.isSymbol("/") || Self.multiplications.contains(commandName(token)) {
                index += 1
                if let scientific = try scientific(after: factors, operator: token) {
                    factors[factors.count - 1].node = scientific
                    continue
                }
                let next = try nested { (parser: inout MathParser) throws(SkipReason) in try parser.signed() }
                factors.append(MathNode.Factor(node: next, divides: token.isSymbol("/")))
                mergeDerivative(&factors)
            } else if startsPrimary(token) {
                factors.append(MathNode.Factor(node: try power(), divides: false))
            } else {
                break
            }
        }
        return factors.count == 1 ? factors[0].node : .product(factors)
    }

    func commandName(_ token: MathToken) -> String {
        if case .command(let name) = token.kind { return name }
        return ""
    }

    /// `dA/dB` written run together (`dE_{o1}/dout_{h1}`): one derivative leaf.
    private func mergeDerivative(_ factors: inout [MathNode.Factor]) {
        guard factors.count >= 2, let last = factors.last, last.divides,
            case .name(let by) = last.node, case .name(let of) = factors[factors.count - 2].node,
            !factors[factors.count - 2].divides,
            of.derivative == nil, by.derivative == nil, of.step == 0, by.step == 0,
            of.written.hasPrefix("d"), by.written.hasPrefix("d"), of.written.count > 1, by.written.count > 1
        else { return }
        let leaf = NameLeaf(
            written: of.written + "/" + by.written,
            derivative: (String(of.written.dropFirst()), String(by.written.dropFirst())), step: 0,
            start: of.start, end: by.end)
        factors.removeLast(2)
        factors.append(MathNode.Factor(node: .name(leaf), divides: false))
    }

    /// `3.51085 \times 10^{-5}`: one printed number, `3.51085e-5`.
    private mutating func scientific(after factors: [MathNode.Factor], operator token: MathToken) throws(SkipReason)
        -> MathNode?
    {
        guard !token.isSymbol("/"), let last = factors.last, !last.divides, case .number(let leaf) = last.node,
            index + 2 < tokens.count, tokens[index].kind == .number("10"), tokens[index + 1].isSymbol("^")
        else { return nil }
        let saved = index
        index += 2
        guard let exponent = try? integerExponent(), leaf.literal.lastPlace != nil,
            let literal = try? DecimalLiteral(parsing: "\(leaf.literal.text)e\(exponent)")
        else {
            index = saved
            return nil
        }
        return .number(NumberLeaf(literal: literal, printed: literal.text, start: leaf.start))
    }

    /// A primary with an optional integer power: `x^2`, `(…)^{2-1}`, `w_5^{(1-1)}`.
    mutating func power() throws(SkipReason) -> MathNode {
        let base = try nested { (parser: inout MathParser) throws(SkipReason) in try parser.primary() }
        guard let token = peek, token.isSymbol("^") else { return base }
        index += 1
        let exponent = try integerExponent()
        if let next = peek, next.isSymbol("^") { throw SkipReason("a power of a power: write braces", at: next.start) }
        return .power(base, exponent)
    }

    /// The exponent after `^`: a digit, or a braced expression of numbers that is a whole number.
    mutating func integerExponent() throws(SkipReason) -> Int {
        guard let token = advance() else { throw SkipReason("nothing after '^'") }
        if case .number(let digits) = token.kind {
            guard digits.count == 1, let value = Int(digits) else {
                throw SkipReason("an exponent of several digits needs braces", at: token.start)
            }
            return value
        }
        guard token.isSymbol("{") || token.isSymbol("(") else { throw unexpected(token) }
        index -= 1
        let node = try nested { (parser: inout MathParser) throws(SkipReason) in try parser.primary() }
        guard let value = Self.integerValue(node) else {
            throw SkipReason("an exponent that is not a whole number", at: token.start)
        }
        return value
    }

    /// The value of a node made of small whole numbers, `+`, `-` and `*` only.
    static func integerValue(_ node: MathNode) -> Int? {
        switch node {
        case .number(let leaf):
            guard leaf.literal.value.isInteger, leaf.literal.value.magnitude <= 1000 else { return nil }
            return Int(leaf.literal.text)
        case .negate(let inner): return integerValue(inner).map { -$0 }
        case .sum(let terms):
            var total = 0
            for term in terms {
                guard let value = integerValue(term.node) else { return nil }
                total += term.negative ? -value : value
            }
            return abs(total) <= 1000 ? total : nil
        default: return nil
        }
    }
}
