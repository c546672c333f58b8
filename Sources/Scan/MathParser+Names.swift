import Exact

extension MathParser {
    /// The text of a token as written.
    static func text(_ kind: MathToken.Kind) -> String {
        switch kind {
        case .number(let text), .word(let text): text
        case .command(let name): "\\" + name
        case .symbol(let character): String(character)
        }
    }

    /// A command where a factor may stand.
    mutating func commandPrimary(_ name: String, _ token: MathToken) throws(SkipReason) -> MathNode {
        switch name {
        case "frac", "dfrac", "tfrac": return try fraction()
        case "left": return try leftRight()
        case "boxed":
            guard let open = advance(), open.isSymbol("{") else { throw SkipReason("'\\boxed' without braces") }
            return try bracketed(closing: "}")
        case "partial": return .name(try partialDerivative(start: token.start))
        default: break
        }
        if Self.sizes.contains(name) { return try primary() }
        if let reason = Self.refused[name] { throw SkipReason(reason, at: token.start) }
        if Self.textWrappers.contains(name) {
            let inner = try rawBraced()
            if let function = Self.functionWords[inner], !isModelName(inner) { return .call(function, try argument()) }
            return .name(try nameTail(base: "\\\(name){\(inner)}", start: token.start, end: token.end))
        }
        if name == "sigma", let next = peek, next.isSymbol("(") || next.isCommand("left") || next.isSymbol("{") {
            return .call(.logistic, try argument())
        }
        if let function = Self.functionCommands[name], name != "sigma" {
            if name == "sqrt", let next = peek, next.isSymbol("[") {
                throw SkipReason("a root other than the square root")
            }
            return .call(function, try argument())
        }
        if let letter = Self.greek[name] ?? (name == "sigma" ? "σ" : nil) {
            return .name(try nameTail(base: letter, start: token.start, end: token.end))
        }
        throw SkipReason("the command '\\\(name)' is not read", at: token.start)
    }

    /// The text inside `{…}` as written (for `\text{…}` and subscripts), braces balanced.
    mutating func rawBraced() throws(SkipReason) -> String {
        guard let open = advance(), open.isSymbol("{") else { throw SkipReason("expected '{'") }
        var level = 1
        var text = ""
        while let token = advance() {
            if token.isSymbol("{") { level += 1 }
            if token.isSymbol("}") {
                level -= 1
                if level == 0 { return text }
            }
            if case .command(let name) = token.kind, Self.textWrappers.contains(name) { continue }
            if !(token.isSymbol("{") || token.isSymbol("}")) { text += Self.text(token.kind) }
        }
        throw SkipReason("an unclosed '{'", at: open.start)
    }

    /// Subscripts and marks after a name's base: `_{h1}`, `_1`, `^+`, `^{+}`, `^{new}`, `_{old}`.
    mutating func nameTail(base: String, start: Int, end: Int) throws(SkipReason) -> NameLeaf {
        var subscriptText = ""
        var step = 0
        var last = end
        while let token = peek {
            if token.isSymbol("_"), subscriptText.isEmpty {
                index += 1
                guard let next = peek else { throw SkipReason("nothing after '_'") }
                let sub = next.isSymbol("{") ? try rawBraced() : Self.text(advance()?.kind ?? next.kind)
                last = tokens[index - 1].end
                if let mark = Self.mark(sub) { step = mark } else { subscriptText = sub }
            } else if token.isSymbol("^"), let mark = superscriptMark() {
                step = mark
                last = tokens[index - 1].end
            } else if token.isSymbol("+"), index + 1 == tokens.count {
                index += 1
                step = 1
                last = token.end
            } else if token.isSymbol("'") {
                throw SkipReason("a derivative written with a prime", at: token.start)
            } else {
                break
            }
        }
        let written = subscriptText.isEmpty ? base : "\(base)_{\(subscriptText)}"
        var leaf = NameLeaf(written: written, derivative: nil, step: step, start: start, end: last)
        leaf.beforeParenthesis = peek.map { $0.isSymbol("(") || $0.isCommand("left") } ?? false
        return leaf
    }

    /// `new` and `(new)` mark the value after one step; `old` and `(old)` the value before.
    static func mark(_ text: String) -> Int? {
        switch text {
        case "new", "(new)", "+", "(+)": 1
        case "old", "(old)": 0
        default: nil
        }
    }

    /// A superscript that marks a step (`^+`, `^{+}`, `^{new}`), consumed; `nil` (nothing consumed) for a power.
    mutating func superscriptMark() -> Int? {
        let saved = index
        index += 1
        if let next = peek, next.isSymbol("+") {
            index += 1
            return 1
        }
        if let next = peek, next.isSymbol("{"), let inner = try? rawBraced(), let mark = Self.mark(inner) {
            return mark
        }
        index = saved
        return nil
    }

    /// `\frac{a}{b}`, `\frac12`, or a derivative `\frac{\partial A}{\partial B}` / `\frac{dA}{dB}`.
    mutating func fraction() throws(SkipReason) -> MathNode {
        if let token = peek, case .number(let digits) = token.kind, digits.count == 2, !digits.contains(".") {
            index += 1
            let parts = digits.map { String($0) }
            let leaves = parts.compactMap { text in
                (try? DecimalLiteral(parsing: text)).map { NumberLeaf(literal: $0, printed: text, start: token.start) }
            }
            guard leaves.count == 2 else { throw unexpected(token) }
            return .product([
                .init(node: .number(leaves[0]), divides: false), .init(node: .number(leaves[1]), divides: true),
            ])
        }
        if let derivative = try fractionDerivative() { return .name(derivative) }
        let numerator = try argument()
        let denominator = try argument()
        if case .name(let of) = numerator, case .name(let by) = denominator, of.derivative == nil, by.derivative == nil,
            of.step == 0, by.step == 0, of.written.hasPrefix("d"), by.written.hasPrefix("d"), of.written.count > 1,
            by.written.count > 1
        {
            return .name(
                NameLeaf(
                    written: "\(of.written)/\(by.written)",
                    derivative: (String(of.written.dropFirst()), String(by.written.dropFirst())), step: 0,
                    start: of.start, end: by.end))
        }
        return .product([.init(node: numerator, divides: false), .init(node: denominator, divides: true)])
    }

    /// `{\partial A}{\partial B}` or `{d A}{d B}` after `\frac`; `nil` (nothing consumed) otherwise.
    private mutating func fractionDerivative() throws(SkipReason) -> NameLeaf? {
        guard index + 1 < tokens.count, tokens[index].isSymbol("{"),
            tokens[index + 1].isCommand("partial") || tokens[index + 1].kind == .word("d")
        else { return nil }
        let start = tokens[index].start
        var names: [String] = []
        for _ in 0..<2 {
            guard let open = advance(), open.isSymbol("{"), let mark = advance(),
                mark.isCommand("partial") || mark.kind == .word("d")
            else { throw SkipReason("a derivative that is not of one name by another", at: start) }
            if let next = peek, next.isSymbol("^") { throw SkipReason("a higher derivative", at: next.start) }
            if let next = peek, next.isSymbol("}") { throw SkipReason("a derivative operator d/dx", at: start) }
            names.append(try plainName())
            guard let close = advance(), close.isSymbol("}") else {
                throw SkipReason("a derivative that is not of one name by another", at: start)
            }
        }
        return NameLeaf(
            written: "d\(names[0])/d\(names[1])", derivative: (names[0], names[1]), step: 0, start: start,
            end: tokens[index - 1].end)
    }

    /// `\partial A / \partial B` written inline.
    private mutating func partialDerivative(start: Int) throws(SkipReason) -> NameLeaf {
        let of = try plainName()
        guard let slash = advance(), slash.isSymbol("/"), let mark = advance(), mark.isCommand("partial") else {
            throw SkipReason("a '\\partial' that is not part of '∂A/∂B'", at: start)
        }
        let by = try plainName()
        return NameLeaf(
            written: "∂\(of)/∂\(by)", derivative: (of, by), step: 0, start: start, end: tokens[index - 1].end)
    }

    /// One name as written, with its subscript: the inside of a derivative.
    private mutating func plainName() throws(SkipReason) -> String {
        guard let token = advance() else { throw SkipReason("expected a name") }
        let base: String
        switch token.kind {
        case .word(let word): base = word
        case .command(let name) where Self.greek[name] != nil || name == "sigma":
            base = Self.greek[name] ?? "σ"
        case .command(let name) where Self.textWrappers.contains(name): base = "\\\(name){\(try rawBraced())}"
        default: throw SkipReason("expected a name in the derivative", at: token.start)
        }
        let leaf = try nameTail(base: base, start: token.start, end: token.end)
        guard leaf.step == 0 else { throw SkipReason("a derivative of a trained value", at: token.start) }
        return leaf.written
    }
}
