/// `dA/dB` the ways the tutorial writes it: as a chain of factors, in delta-rule form, and
/// fully expanded in the givens.
public struct DerivativeBreakdown: Sendable {
    /// One factor of the chain, `∂upper/∂lower`.
    public struct Factor: Sendable {
        public var upper: String
        public var lower: String
        /// The factor as an expression in the model's names.
        public var expression: Expr
        /// When several paths lead from `lower` to `upper`: one term per quantity that uses
        /// `lower` directly, `∂upper/∂user · ∂user/∂lower` (the tutorial's sum over outputs).
        public var terms: [(user: String, expression: Expr)]
    }

    /// A node delta `δ_n = ∂A/∂net_n`, written with the deltas of later neurons.
    public struct Delta: Sendable {
        public var symbol: String
        public var quantity: String
        public var expression: Expr
    }

    public var quantity: String
    public var variable: String
    /// The derivative in the model's names, simplified.
    public var expression: Expr
    /// Factors from the top (`∂A/∂…`) down to `∂…/∂B`; their product is the derivative.
    public var chain: [Factor]
    /// The derivative as `δ · ∂net/∂B` with each delta defined by later ones, when B feeds one neuron.
    public var deltaForm: Expr?
    public var deltas: [Delta]
    /// The derivative with every definition substituted: a formula in the givens alone.
    public var expanded: Expr

    /// The symbol for the delta of a quantity: `δ_o1` for `net_o1`, else `δ_` and the name.
    public static func deltaSymbol(for name: String) -> String {
        "δ_" + (name.hasPrefix("net_") ? String(name.dropFirst(4)) : name)
    }

    public init(model: Model, of quantity: String, by variable: String) throws(ModelError) {
        self.quantity = quantity
        self.variable = variable
        expression = try model.derivative(of: quantity, by: variable)
        expanded = model.expanded(expression)
        chain = Self.chain(model: model, of: quantity, by: variable)
        (deltaForm, deltas) = Self.deltas(model: model, of: quantity, by: variable)
    }

    /// The quantities on every path from `variable` to `quantity`, bottom-up, ends included.
    private static func dominators(model: Model, of quantity: String, by variable: String) -> [String] {
        guard model.depends(quantity, on: variable), quantity != variable else { return [variable, quantity] }
        let onPath = Set(
            model.definitionOrder.filter {
                $0 != variable && model.depends($0, on: variable) && model.depends(quantity, on: $0)
            })
        func reachable(avoiding removed: String) -> Bool {
            var stack = [quantity]
            var seen: Set<String> = [quantity]
            while let name = stack.popLast() {
                for used in model.uses[name] ?? [] where used != removed && (onPath.contains(used) || used == variable)
                {
                    if used == variable { return true }
                    if seen.insert(used).inserted { stack.append(used) }
                }
            }
            return false
        }
        let inner = model.definitionOrder.filter { $0 != quantity && onPath.contains($0) && !reachable(avoiding: $0) }
        return [variable] + inner + [quantity]
    }

    private static func chain(model: Model, of quantity: String, by variable: String) -> [Factor] {
        let nodes = dominators(model: model, of: quantity, by: variable)
        var factors: [Factor] = []
        for (lower, upper) in zip(nodes, nodes.dropFirst()) {
            var factor = makeFactor(model: model, upper: upper, lower: lower)
            // A factor of exactly 1 (∂E_total/∂E_o1) merges with the one below it.
            if factor.expression == 1, let below = factors.popLast() {
                factor = makeFactor(model: model, upper: upper, lower: below.lower)
            }
            factors.append(factor)
        }
        return factors.reversed()
    }

    private static func makeFactor(model: Model, upper: String, lower: String) -> Factor {
        let expression = (try? model.derivative(of: upper, by: lower)) ?? 0
        let users = model.definitionOrder.filter {
            (model.uses[$0] ?? []).contains(lower) && model.depends(upper, on: $0)
        }
        var terms: [(String, Expr)] = []
        if users.count > 1 {
            terms = users.map { user in
                let outer: Expr = user == upper ? 1 : .derivative(of: upper, by: user)
                return (user, outer * model.localPartial(of: user, by: lower))
            }
        }
        return Factor(upper: upper, lower: lower, expression: expression, terms: terms)
    }

    /// Delta nodes are the quantities an activation is applied to (`net_n` under `out_n := σ(net_n)`).
    private static func deltas(model: Model, of quantity: String, by variable: String) -> (Expr?, [Delta]) {
        var deltaNodes = Set<String>()
        for name in model.definitionOrder where model.isActivation(name) {
            if let argument = model.uses[name]?.first { deltaNodes.insert(argument) }
        }
        let users = model.definitionOrder.filter {
            (model.uses[$0] ?? []).contains(variable) && model.depends(quantity, on: $0)
        }
        guard users.count == 1, let net = users.first, deltaNodes.contains(net) else { return (nil, []) }
        var result: [Delta] = []
        var pending = [net]
        var seen: Set<String> = [net]
        while let node = pending.popLast() {
            let later = deltaNodes.subtracting([node]).filter {
                model.depends($0, on: node) && model.depends(quantity, on: $0)
            }
            let symbols = Dictionary(uniqueKeysWithValues: later.map { ($0, Expr.name(deltaSymbol(for: $0))) })
            let adjoint = model.adjoints(of: quantity, by: node, symbols: symbols)[node] ?? 0
            result.append(Delta(symbol: deltaSymbol(for: node), quantity: node, expression: adjoint))
            for name in adjoint.names where symbols.values.contains(.name(name)) {
                if let origin = later.first(where: { deltaSymbol(for: $0) == name }), seen.insert(origin).inserted {
                    pending.insert(origin, at: 0)
                }
            }
        }
        let form = Expr.name(deltaSymbol(for: net)) * model.localPartial(of: net, by: variable)
        return (form, result)
    }
}

extension Model {
    /// `expression` with every defined name replaced by its definition, recursively.
    public func expanded(_ expression: Expr) -> Expr {
        var expansions: [String: Expr] = [:]
        let needed = Set(expression.names)
        var closure = Set<String>()
        var stack = Array(needed)
        while let name = stack.popLast() {
            guard definitions[name] != nil, closure.insert(name).inserted else { continue }
            stack.append(contentsOf: uses[name] ?? [])
        }
        for name in definitionOrder where closure.contains(name) {
            if let body = definitions[name] { expansions[name] = body.substituting(expansions) }
        }
        return expression.substituting(expansions)
    }
}
