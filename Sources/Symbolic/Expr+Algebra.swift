import Exact

extension Expr {
    /// A flattened sum: constants folded, like terms (equal apart from a constant coefficient)
    /// merged where the first of them stood, zero terms dropped.
    public static func sum(_ terms: [Expr]) -> Expr {
        var constant: Rational = 0
        var constantSlot: Int?
        var rests: [Expr] = []
        var coefficients: [Rational] = []
        var index: [Expr: Int] = [:]
        func add(_ term: Expr) {
            switch term.kind {
            case .sum(let inner):
                inner.forEach(add)
            case .constant(let value):
                constant += value
                if constantSlot == nil { constantSlot = rests.count }
            default:
                let (coefficient, rest) = term.splitCoefficient
                if let at = index[rest] {
                    coefficients[at] += coefficient
                } else {
                    index[rest] = rests.count
                    rests.append(rest)
                    coefficients.append(coefficient)
                }
            }
        }
        terms.forEach(add)
        var result: [Expr] = []
        for (position, rest) in rests.enumerated() {
            if position == constantSlot, constant.signum != 0 { result.append(.constant(constant)) }
            let coefficient = coefficients[position]
            if coefficient.signum != 0 {
                result.append(coefficient == 1 ? rest : product([.constant(coefficient), rest]))
            } else if rest.mayBeUndefined {
                // Terms that cancel still have to be evaluated: log(x) − log(x) is undefined for x ≤ 0.
                result.append(product([.constant(0), rest]))
            }
        }
        if constantSlot == rests.count, constant.signum != 0 { result.append(.constant(constant)) }
        switch result.count {
        case 0: return .constant(0)
        case 1: return result[0]
        default: return Expr(.sum(result))
        }
    }

    /// A flattened product: constants folded to one leading coefficient, like bases merged into
    /// one power, factors equal to 1 dropped, and zero absorbing everything that is sure to have a
    /// value. A base that may be 0 is merged only with powers of the same sign, so `x/x` keeps its
    /// division (undefined at x = 0) while `x·x` becomes `x^2`.
    public static func product(_ factors: [Expr]) -> Expr {
        var coefficient: Rational = 1
        var bases: [Expr] = []
        var exponents: [Int] = []
        var index: [PowerKey: Int] = [:]
        func multiply(_ factor: Expr) {
            switch factor.kind {
            case .product(let inner):
                inner.forEach(multiply)
            case .constant(let value):
                coefficient *= value
            default:
                let (base, exponent) = factor.splitPower
                let key = PowerKey(base: base, negative: base.mayBeZero && exponent < 0)
                if let at = index[key] {
                    exponents[at] += exponent
                } else {
                    index[key] = bases.count
                    bases.append(base)
                    exponents.append(exponent)
                }
            }
        }
        factors.forEach(multiply)
        let powers = zip(bases, exponents).filter { $0.1 != 0 }.map { $0.0.power($0.1) }
        if coefficient.signum == 0 {
            let undefined = powers.filter(\.mayBeUndefined)
            return undefined.isEmpty ? .constant(0) : Expr(.product([.constant(0)] + undefined))
        }
        var result: [Expr] = coefficient == 1 ? [] : [.constant(coefficient)]
        result += powers
        switch result.count {
        case 0: return .constant(1)
        case 1: return result[0]
        default: return Expr(.product(result))
        }
    }

    /// The largest constant power folded exactly, in bits.
    static let foldingLimit = 1 << 16

    /// Factors merge into one power by their base, and, where the base may be 0, by the sign of
    /// the exponent (so that a division is never cancelled away).
    private struct PowerKey: Hashable {
        var base: Expr
        var negative: Bool
    }

    /// `self ^ exponent`, folding constants and nested powers (but never a division by something
    /// that may be 0: `(x^-1)^-1` stays).
    public func power(_ exponent: Int) -> Expr {
        if exponent == 0 { return mayBeUndefined ? Expr(.power(self, 0)) : .constant(1) }
        if exponent == 1 { return self }
        switch kind {
        case .constant(let value):
            // Folded only while the exact result stays small; a larger power is left to the
            // evaluators (an enclosure of 10^10000 to the 100000th is quick, its exact value is not).
            if value.powerSize(exponent) <= Self.foldingLimit, let folded = value.power(exponent) {
                return .constant(folded)
            }
        case .power(let base, let inner):
            let (combined, overflow) = inner.multipliedReportingOverflow(by: exponent)
            let dropsDivision = inner < 0 && combined >= 0 && base.mayBeZero
            if !overflow, !dropsDivision { return base.power(combined) }
        default:
            break
        }
        return Expr(.power(self, exponent))
    }

    /// `function(argument)`, folding the values known exactly.
    public static func apply(_ function: ElementaryFunction, _ argument: Expr) -> Expr {
        if let value = argument.constantValue, let folded = function.exactValue(at: value) { return .constant(folded) }
        return Expr(.function(function, argument))
    }

    /// A term as `coefficient · rest`.
    var splitCoefficient: (Rational, Expr) {
        if case .product(let factors) = kind, let first = factors.first?.constantValue {
            return (first, Expr.product(Array(factors.dropFirst())))
        }
        return (1, self)
    }

    /// A factor as `base ^ exponent`.
    var splitPower: (Expr, Int) {
        if case .power(let base, let exponent) = kind { return (base, exponent) }
        return (self, 1)
    }

    public static func + (lhs: Expr, rhs: Expr) -> Expr { sum([lhs, rhs]) }
    public static func - (lhs: Expr, rhs: Expr) -> Expr { sum([lhs, product([-1, rhs])]) }
    public static func * (lhs: Expr, rhs: Expr) -> Expr { product([lhs, rhs]) }
    public static func / (lhs: Expr, rhs: Expr) -> Expr { product([lhs, rhs.power(-1)]) }
    public static prefix func - (operand: Expr) -> Expr { product([-1, operand]) }
}

extension Expr {
    /// The derivative with respect to one name, every other name held constant.
    ///
    /// `step` (relu′) is treated as locally constant: its derivative is zero wherever it exists.
    public func partial(by variable: String) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        var mentions: [ObjectIdentifier: Bool] = [:]
        forEachNode { expr in
            let key = ObjectIdentifier(expr.node)
            let mentionsVariable: Bool
            switch expr.kind {
            case .name(let name): mentionsVariable = name == variable
            default: mentionsVariable = expr.children.contains { mentions[ObjectIdentifier($0.node)] ?? false }
            }
            mentions[key] = mentionsVariable
            guard mentionsVariable else {
                memo[key] = 0
                return
            }
            func d(_ child: Expr) -> Expr { memo[ObjectIdentifier(child.node)] ?? 0 }
            switch expr.kind {
            case .constant, .derivative:
                memo[key] = 0
            case .name:
                memo[key] = 1
            case .sum(let terms):
                memo[key] = .sum(terms.map(d))
            case .product(let factors):
                // A factor whose derivative is 0 contributes no term (differentiating is not
                // simplifying: the product rule's terms are the derivative).
                memo[key] = .sum(
                    factors.indices.filter { d(factors[$0]) != 0 }.map { i in
                        .product(factors.indices.map { j in j == i ? d(factors[j]) : factors[j] })
                    })
            case .power(let base, let exponent):
                memo[key] = .product([.constant(Rational(exponent)), base.power(exponent - 1), d(base)])
            case .function(let function, let u):
                let outer: Expr
                switch function {
                case .exp: outer = expr
                case .log: outer = u.power(-1)
                case .tanh: outer = 1 - expr.power(2)
                case .logistic: outer = expr * (1 - expr)
                case .relu: outer = .apply(.step, u)
                case .softplus: outer = .apply(.logistic, u)
                case .sqrt: outer = .product([.constant(Rational.half), expr.power(-1)])
                case .step: outer = 0
                }
                memo[key] = outer == 0 ? 0 : outer * d(u)
            }
        }
        return memo[ObjectIdentifier(node)] ?? 0
    }
}

extension Expr {
    /// The derivative by every name at once, in one reverse walk over the expression: what
    /// `partial(by:)` gives for each name, at the cost of one walk instead of one per name.
    public func partials() -> [String: Expr] {
        var nodes: [Expr] = []
        forEachNode { nodes.append($0) }
        var contributions: [ObjectIdentifier: [Expr]] = [ObjectIdentifier(node): [1]]
        var result: [String: [Expr]] = [:]
        // Reversed post-order visits every parent before its children.
        for expr in nodes.reversed() {
            guard let parts = contributions.removeValue(forKey: ObjectIdentifier(expr.node)) else { continue }
            let seed = Expr.sum(parts)
            func pass(_ child: Expr, _ factor: Expr) {
                guard factor != 0 else { return }
                contributions[ObjectIdentifier(child.node), default: []].append(seed * factor)
            }
            switch expr.kind {
            case .constant, .derivative:
                break
            case .name(let name):
                result[name, default: []].append(seed)
            case .sum(let terms):
                for term in terms { pass(term, 1) }
            case .product(let factors):
                for index in factors.indices where factors[index].constantValue == nil {
                    pass(factors[index], .product(factors.indices.filter { $0 != index }.map { factors[$0] }))
                }
            case .power(let base, let exponent):
                pass(base, .product([.constant(Rational(exponent)), base.power(exponent - 1)]))
            case .function(let function, let u):
                pass(u, Self.outerDerivative(function, of: u, value: expr))
            }
        }
        return result.mapValues { .sum($0) }
    }

    /// f′(u) for `value` = f(u), written with `value` itself where the tutorial does (σ·(1 − σ)).
    static func outerDerivative(_ function: ElementaryFunction, of u: Expr, value: Expr) -> Expr {
        switch function {
        case .exp: value
        case .log: u.power(-1)
        case .tanh: 1 - value.power(2)
        case .logistic: value * (1 - value)
        case .relu: .apply(.step, u)
        case .softplus: .apply(.logistic, u)
        case .sqrt: .product([.constant(.half), value.power(-1)])
        case .step: 0
        }
    }
}
