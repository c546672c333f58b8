import Exact
import Symbolic

extension MathNode {
    /// The segment as derivcheck read it, in the fixture format's notation: `w1*i1 + w2*i2 + b1*1`.
    var text: String {
        switch self {
        case .number(let leaf): return leaf.printed
        case .name(let leaf): return leaf.display
        case .negate(let inner): return "-" + inner.wrapped(unless: { if case .sum = $0 { false } else { true } })
        case .sum(let terms):
            return terms.enumerated().map { index, term in
                let body = term.node.text
                return index == 0 ? (term.negative ? "-" + body : body) : (term.negative ? " - " : " + ") + body
            }.joined()
        case .product(let factors):
            return factors.enumerated().map { index, factor in
                let body = factor.node.wrapped(unless: { node in
                    if case .sum = node { return false }
                    if case .negate = node { return index == 0 }
                    return true
                })
                return index == 0 ? (factor.divides ? "1/" + body : body) : (factor.divides ? "/" : "*") + body
            }.joined()
        case .power(let base, let exponent):
            let body = base.wrapped(unless: { node in
                switch node {
                case .number, .name, .call: true
                default: false
                }
            })
            return body + "^" + (exponent < 0 ? "(\(exponent))" : "\(exponent)")
        case .call(let function, let argument): return "\(function.name)(\(argument.text))"
        }
    }

    private func wrapped(unless isPlain: (MathNode) -> Bool) -> String { isPlain(self) ? text : "(\(text))" }

    /// The segment as an expression: each name leaf through `name`, each number through `number`.
    func expr(name: (NameLeaf) throws(SkipReason) -> Expr, number: (NumberLeaf) -> Expr) throws(SkipReason) -> Expr {
        switch self {
        case .number(let leaf): return number(leaf)
        case .name(let leaf): return try name(leaf)
        case .negate(let inner): return -(try inner.expr(name: name, number: number))
        case .sum(let terms):
            var parts: [Expr] = []
            for term in terms {
                let part = try term.node.expr(name: name, number: number)
                parts.append(term.negative ? -part : part)
            }
            return Expr.sum(parts)
        case .product(let factors):
            var parts: [Expr] = []
            for factor in factors {
                let part = try factor.node.expr(name: name, number: number)
                parts.append(factor.divides ? part.power(-1) : part)
            }
            return Expr.product(parts)
        case .power(let base, let exponent): return try base.expr(name: name, number: number).power(exponent)
        case .call(let function, let argument):
            return Expr.apply(function, try argument.expr(name: name, number: number))
        }
    }

    /// Pairs each name leaf of `self` with the number written in its place in `other`, when the two
    /// have the same shape: equal trees once each name is replaced by a number (a negative number
    /// may stand for a name; a name may stand for the same name). `nil` when the shapes differ.
    func substitutions(in other: MathNode) -> [(name: NameLeaf, number: NumberLeaf)]? {
        var pairs: [(name: NameLeaf, number: NumberLeaf)] = []
        var stack: [(MathNode, MathNode)] = [(self, other)]
        while let (left, right) = stack.popLast() {
            switch (left, right) {
            case (.name(let name), _) where right.literal != nil:
                if let number = right.literal { pairs.append((name, number)) }
            case (.name(let a), .name(let b)):
                guard a.written == b.written, a.step == b.step, a.derivative == nil, b.derivative == nil else {
                    return nil
                }
            case (.number(let a), .number(let b)):
                guard a.literal.value == b.literal.value else { return nil }
            case (.negate(let a), .negate(let b)): stack.append((a, b))
            case (.sum(let a), .sum(let b)):
                guard a.count == b.count, zip(a, b).allSatisfy({ $0.negative == $1.negative }) else { return nil }
                stack += zip(a, b).reversed().map { ($0.node, $1.node) }
            case (.product(let a), .product(let b)):
                guard a.count == b.count, zip(a, b).allSatisfy({ $0.divides == $1.divides }) else { return nil }
                stack += zip(a, b).reversed().map { ($0.node, $1.node) }
            case (.power(let a, let m), .power(let b, let n)):
                guard m == n else { return nil }
                stack.append((a, b))
            case (.call(let f, let a), .call(let g, let b)):
                guard f == g else { return nil }
                stack.append((a, b))
            default:
                return nil
            }
        }
        return pairs
    }
}
