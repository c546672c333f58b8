import Exact

/// An immutable expression: exact rational constants, names, sums, products, integer powers and
/// elementary functions, with derivatives `dA/dB` of model quantities as leaves.
///
/// Nodes are shared, never copied: building `f(x)` twice from the same `x` reuses `x`'s node, so
/// derivatives of a deep network form a DAG whose size grows linearly with the network. The
/// smart constructors (`+`, `*`, `power`, …) simplify as they build: constants fold, 0 and 1
/// vanish, like terms and like factors merge, and nested sums and products flatten, keeping the
/// order in which terms first appear (so a chain-rule product reads in the chain's order).
/// Simplification never removes an operation that may be undefined (`0·log(x)`, `x/x`, `0/0`
/// stay, so evaluating them still fails where they are undefined).
public struct Expr: Sendable {
    final class Node: Sendable {
        let kind: Kind
        let hash: Int
        /// Whether some operation in the node may have no value: a division by something that may
        /// be 0, or `log`/`sqrt` of something that may lie outside their domain.
        let mayBeUndefined: Bool
        /// Whether the value is positive wherever it is defined: a positive constant, `exp` and
        /// `logistic` of anything, and sums and products of such (`1 + exp(−u)` is never 0). Kept
        /// per node, as `mayBeUndefined` is, so that asking costs nothing however deep the node.
        let isPositive: Bool
        init(_ kind: Kind) {
            self.kind = kind
            var hasher = Hasher()
            hasher.combine(kind)
            hash = hasher.finalize()
            isPositive = Self.isPositive(kind)
            mayBeUndefined = Self.mayBeUndefined(kind)
        }

        private static func isPositive(_ kind: Kind) -> Bool {
            switch kind {
            case .constant(let value): value.signum > 0
            case .function(.exp, _), .function(.logistic, _): true
            case .sum(let parts), .product(let parts): parts.allSatisfy(\.node.isPositive)
            default: false
            }
        }

        private static func mayBeUndefined(_ kind: Kind) -> Bool {
            switch kind {
            case .constant, .name, .derivative:
                return false
            case .sum(let parts), .product(let parts):
                return parts.contains { $0.node.mayBeUndefined }
            case .power(let base, let exponent):
                return base.node.mayBeUndefined || (exponent < 0 && base.mayBeZero)
            case .function(let function, let argument):
                if argument.node.mayBeUndefined { return true }
                guard function == .log || function == .sqrt else { return false }
                guard let value = argument.constantValue else { return true }
                return function.domainError(at: value) != nil
            }
        }
    }

    /// The shape of one node.
    public enum Kind: Hashable, Sendable {
        case constant(Rational)
        case name(String)
        /// `dA/dB` as written in a formula; a model replaces it by its chain-rule expansion.
        case derivative(of: String, by: String)
        case sum([Expr])
        case product([Expr])
        case power(Expr, Int)
        case function(ElementaryFunction, Expr)
    }

    let node: Node

    init(_ kind: Kind) { node = Node(kind) }

    public var kind: Kind { node.kind }
}

extension Expr: Hashable {
    public static func == (lhs: Expr, rhs: Expr) -> Bool {
        lhs.node === rhs.node || (lhs.node.hash == rhs.node.hash && lhs.node.kind == rhs.node.kind)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(node.hash) }
}

extension Expr: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(.constant(Rational(value))) }
}

extension Expr {
    public static func constant(_ value: Rational) -> Expr { Expr(.constant(value)) }
    public static func name(_ name: String) -> Expr { Expr(.name(name)) }
    public static func derivative(of quantity: String, by variable: String) -> Expr {
        Expr(.derivative(of: quantity, by: variable))
    }

    /// The constant's value, if this is a constant.
    public var constantValue: Rational? {
        if case .constant(let value) = kind { return value }
        return nil
    }

    /// Whether some operation in the expression may have no value (a division by something that
    /// may be 0, `log` or `sqrt` of something that may lie outside their domain).
    public var mayBeUndefined: Bool { node.mayBeUndefined }

    /// Whether the value may be 0: false only for nonzero constants and what is positive wherever
    /// it is defined.
    var mayBeZero: Bool {
        if case .constant(let value) = kind { return value.signum == 0 }
        return !isPositive
    }

    /// Whether the value is positive wherever it is defined (`Node.isPositive`).
    var isPositive: Bool { node.isPositive }

    /// The name, if this is a name.
    public var nameValue: String? {
        if case .name(let name) = kind { return name }
        return nil
    }

    /// The direct subexpressions.
    public var children: [Expr] {
        switch kind {
        case .constant, .name, .derivative: []
        case .sum(let terms): terms
        case .product(let factors): factors
        case .power(let base, _): [base]
        case .function(_, let argument): [argument]
        }
    }

    /// Every name the expression mentions, in order of first appearance.
    public var names: [String] {
        var seen = Set<String>()
        var order: [String] = []
        forEachNode { expr in
            if case .name(let name) = expr.kind, seen.insert(name).inserted { order.append(name) }
        }
        return order
    }

    /// Every derivative leaf `dA/dB` the expression mentions.
    public var derivatives: [(of: String, by: String)] {
        var found: [(String, String)] = []
        var seen = Set<Expr>()
        forEachNode { expr in
            if case .derivative(let a, let b) = expr.kind, seen.insert(expr).inserted { found.append((a, b)) }
        }
        return found
    }

    /// The number of distinct nodes (shared nodes counted once).
    public var nodeCount: Int {
        var count = 0
        forEachNode { _ in count += 1 }
        return count
    }

    /// Visits each distinct node once, children before parents.
    public func forEachNode(_ visit: (Expr) -> Void) {
        var seen = Set<ObjectIdentifier>()
        var stack: [(Expr, Bool)] = [(self, false)]
        while let (expr, expanded) = stack.popLast() {
            if expanded {
                visit(expr)
                continue
            }
            guard seen.insert(ObjectIdentifier(expr.node)).inserted else { continue }
            stack.append((expr, true))
            for child in expr.children.reversed() { stack.append((child, false)) }
        }
    }

    /// Rebuilds the expression bottom-up, replacing each node by `transform(node, rebuiltChildren)`
    /// when it returns a value; shared nodes are rebuilt once.
    public func rewritten(_ transform: (Expr) -> Expr?) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        forEachNode { expr in
            let rebuilt = expr.rebuilt(children: expr.children.map { memo[ObjectIdentifier($0.node)] ?? $0 })
            memo[ObjectIdentifier(expr.node)] = transform(rebuilt) ?? rebuilt
        }
        return memo[ObjectIdentifier(node)] ?? self
    }

    /// The same node kind over new children, through the simplifying constructors.
    func rebuilt(children new: [Expr]) -> Expr {
        if new.elementsEqual(children, by: { $0.node === $1.node }) { return self }
        switch kind {
        case .constant, .name, .derivative: return self
        case .sum: return Expr.sum(new)
        case .product: return Expr.product(new)
        case .power(_, let exponent): return new[0].power(exponent)
        case .function(let function, _): return Expr.apply(function, new[0])
        }
    }

    /// The same expression with every name, and both names of every derivative leaf, renamed.
    public func renamingNames(_ rename: (String) -> String) -> Expr {
        rewritten { expr in
            switch expr.kind {
            case .name(let name): .name(rename(name))
            case .derivative(let quantity, let variable): .derivative(of: rename(quantity), by: rename(variable))
            default: nil
            }
        }
    }

    /// Replaces names by expressions.
    public func substituting(_ replacements: [String: Expr]) -> Expr {
        guard !replacements.isEmpty else { return self }
        return rewritten { expr in expr.nameValue.flatMap { replacements[$0] } }
    }
}
