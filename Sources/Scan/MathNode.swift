import Exact

/// A math segment as the post wrote it, before any simplification: the shape the substitution
/// rule compares (`\frac{1}{2}(target_{o1} - out_{o1})^2` against `\frac{1}{2}(0.01 - 0.75136507)^2`).
/// Its depth is bounded by the parser's nesting limit, so walking it recursively is safe.
indirect enum MathNode: Sendable {
    case number(NumberLeaf)
    case name(NameLeaf)
    case negate(MathNode)
    /// Terms added or (`negative`) subtracted, in order.
    case sum([Term])
    /// Factors multiplied or (`divides`) divided, in order; `\frac{a}{b}` is `a / b`.
    case product([Factor])
    case power(MathNode, Int)
    case call(ElementaryFunction, MathNode)

    struct Term: Sendable {
        var node: MathNode
        var negative: Bool
    }

    struct Factor: Sendable {
        var node: MathNode
        var divides: Bool
    }

    /// The literal this segment is, when it is one number (signed or not).
    var literal: NumberLeaf? {
        switch self {
        case .number(let leaf): return leaf
        case .negate(.number(let leaf)): return leaf.negated
        default: return nil
        }
    }

    /// The name leaves, in the order written.
    var names: [NameLeaf] {
        var found: [NameLeaf] = []
        visit { if case .name(let leaf) = $0 { found.append(leaf) } }
        return found
    }

    /// The number leaves, in the order written.
    var numbers: [NumberLeaf] {
        var found: [NumberLeaf] = []
        visit { if case .number(let leaf) = $0 { found.append(leaf) } }
        return found
    }

    /// Visits every node, parents before children, in the order written.
    func visit(_ body: (MathNode) -> Void) {
        var stack: [MathNode] = [self]
        while let node = stack.popLast() {
            body(node)
            switch node {
            case .number, .name: break
            case .negate(let inner), .power(let inner, _), .call(_, let inner): stack.append(inner)
            case .sum(let terms): stack += terms.reversed().map(\.node)
            case .product(let factors): stack += factors.reversed().map(\.node)
            }
        }
    }
}

/// A number as printed: its exact value and precision, and where it starts.
struct NumberLeaf: Sendable {
    var literal: DecimalLiteral
    /// The text as the post printed it (a minus may be `−`).
    var printed: String
    var start: Int

    var negated: NumberLeaf {
        let text = literal.text.hasPrefix("-") ? String(literal.text.dropFirst()) : "-" + literal.text
        let value = (try? DecimalLiteral(parsing: text)) ?? literal
        return NumberLeaf(literal: value, printed: "-" + printed, start: start)
    }
}

/// A name as written (`net_{h1}`, `\text{out}_{o1}`, `w_5^+`), or a derivative `dA/dB` of two.
struct NameLeaf: Sendable {
    /// The name as written, without a trailing `+`, `new` or `old` mark.
    var written: String
    /// For a derivative: the two names as written.
    var derivative: (of: String, by: String)?
    /// 1 for `w_5^+`, `w_1^{new}`; 0 otherwise.
    var step: Int
    var start: Int
    var end: Int
    /// Written right before `(`: a function call when the name is not the model's.
    var beforeParenthesis = false

    var display: String {
        let base = derivative.map { "d\($0.of)/d\($0.by)" } ?? written
        return step > 0 ? base + "+" : base
    }
}
