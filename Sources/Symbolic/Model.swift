import Exact

/// A model as data: givens (exact values such as inputs, weights and rates) and definitions
/// (`out_o1 := logistic(net_o1)`), held in dependency order.
///
/// Derivatives written inside definitions are expanded by the chain rule when the model is
/// built, so every stored definition is an expression in names and constants only.
public struct Model: Sendable {
    /// The givens in the order they were written.
    public private(set) var givenNames: [String]
    public private(set) var givens: [String: Rational]
    /// The definitions, each after everything it uses.
    public private(set) var definitionOrder: [String]
    public private(set) var definitions: [String: Expr]
    /// The names each definition uses directly, in order of first use.
    public private(set) var uses: [String: [String]]
    /// Definitions whose whole body applies a function, by that body (to write `σ(net_o1)` as `out_o1`).
    private var functionBodies: [Expr: String]

    /// Builds a model; every name used must be given or defined, and definitions may not form a cycle.
    public init(givens: [(String, Rational)], definitions: [(String, Expr)]) throws(ModelError) {
        givenNames = givens.map(\.0)
        self.givens = Dictionary(givens, uniquingKeysWith: { first, _ in first })
        let bodies = Dictionary(definitions, uniquingKeysWith: { first, _ in first })
        let written = definitions.map(\.0)
        self.definitions = [:]
        definitionOrder = []
        uses = [:]
        functionBodies = [:]
        let order = try Self.dependencyOrder(written, bodies: bodies, givens: self.givens)
        for name in order {
            guard let body = bodies[name] else { continue }
            try install(name, body: resolveDerivatives(in: body, usedBy: name))
        }
    }

    /// The same model with some givens set to other values.
    public func withGivens(_ values: [String: Rational]) -> Model {
        var copy = self
        for (name, value) in values where copy.givens[name] != nil { copy.givens[name] = value }
        return copy
    }

    /// Whether the model has a given or a definition of this name.
    public func contains(_ name: String) -> Bool { givens[name] != nil || definitions[name] != nil }

    /// Every name of the model: givens first, then definitions in dependency order.
    public var allNames: [String] { givenNames + definitionOrder }

    private mutating func install(_ name: String, body: Expr) {
        definitions[name] = body
        definitionOrder.append(name)
        uses[name] = body.names
        if case .function = body.kind, functionBodies[body] == nil { functionBodies[body] = name }
    }

    /// Orders definitions so each follows what it uses (derivative leaves use both their names);
    /// reports undefined names first, then cycles.
    private static func dependencyOrder(_ names: [String], bodies: [String: Expr], givens: [String: Rational])
        throws(ModelError) -> [String]
    {
        var dependencies: [String: [String]] = [:]
        for name in names {
            guard let body = bodies[name] else { continue }
            var needed = body.names
            for (quantity, variable) in body.derivatives {
                for part in [quantity, variable] where bodies[part] == nil && givens[part] == nil {
                    throw .unknownInDerivative(part, usedBy: name)
                }
                needed.append(quantity)
            }
            for used in needed where bodies[used] == nil && givens[used] == nil {
                throw .undefinedName(used, usedBy: name)
            }
            dependencies[name] = needed.filter { bodies[$0] != nil }
        }
        var state: [String: Bool] = [:]  // false: in progress, true: done
        var order: [String] = []
        for root in names where state[root] == nil {
            var stack: [(String, Int)] = [(root, 0)]
            state[root] = false
            while let (name, next) = stack.last {
                let needed = dependencies[name] ?? []
                if next < needed.count {
                    stack[stack.count - 1].1 += 1
                    let dependency = needed[next]
                    switch state[dependency] {
                    case .none:
                        state[dependency] = false
                        stack.append((dependency, 0))
                    case .some(false):
                        let path = stack.map(\.0)
                        let start = path.firstIndex(of: dependency) ?? 0
                        throw .cycle(Array(path[start...]))
                    case .some(true):
                        break
                    }
                } else {
                    state[name] = true
                    order.append(name)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    private func resolveDerivatives(in body: Expr, usedBy user: String?) throws(ModelError) -> Expr {
        let leaves = body.derivatives
        guard !leaves.isEmpty else { return body }
        var expansions: [Expr: Expr] = [:]
        for (quantity, variable) in leaves {
            expansions[.derivative(of: quantity, by: variable)] = try derivative(of: quantity, by: variable)
        }
        return body.rewritten { expansions[$0] }
    }

    /// An expression given by a user (a claim's formula), with its derivatives expanded.
    public func resolving(_ expression: Expr) throws(ModelError) -> Expr {
        for name in expression.names where !contains(name) { throw .undefinedName(name, usedBy: "the formula") }
        return try resolveDerivatives(in: expression, usedBy: nil)
    }

    /// Whether `name`'s value changes when `variable` does (a name depends on itself).
    public func depends(_ name: String, on variable: String) -> Bool {
        var memo: [String: Bool] = [:]
        return depends(name, on: variable, memo: &memo)
    }

    private func depends(_ name: String, on variable: String, memo: inout [String: Bool]) -> Bool {
        if name == variable { return true }
        if let known = memo[name] { return known }
        var result = false
        for used in uses[name] ?? [] where depends(used, on: variable, memo: &memo) {
            result = true
            break
        }
        memo[name] = result
        return result
    }
}

extension Model {
    /// Options that change how derivatives are taken (the diagnosis uses them to imitate mistakes).
    public struct DerivativeOptions: Sendable, Hashable {
        /// Leave out the derivative of every activation function (treat ∂out/∂net as 1).
        public var dropsActivationDerivative = false
        public init(dropsActivationDerivative: Bool = false) {
            self.dropsActivationDerivative = dropsActivationDerivative
        }
    }

    /// `∂body(definition)/∂variable` for a name the definition uses directly, written with the
    /// model's own names (`out_o1·(1 − out_o1)`, not a formula in `exp`).
    public func localPartial(of definition: String, by variable: String, options: DerivativeOptions = .init()) -> Expr {
        guard let body = definitions[definition] else { return definition == variable ? 1 : 0 }
        if options.dropsActivationDerivative, isActivation(definition) { return body.names.contains(variable) ? 1 : 0 }
        return refolded(body.partial(by: variable))
    }

    /// `∂body(definition)/∂name` for every name the definition uses, in one walk of its body.
    public func localPartials(of definition: String, options: DerivativeOptions = .init()) -> [String: Expr] {
        guard let body = definitions[definition] else { return [:] }
        if options.dropsActivationDerivative, isActivation(definition) {
            return Dictionary(uniqueKeysWithValues: body.names.map { ($0, Expr(integerLiteral: 1)) })
        }
        return body.partials().mapValues(refolded)
    }

    /// A derivative with each whole-definition function body (`σ(net_o1)`) written as its name (`out_o1`).
    private func refolded(_ expression: Expr) -> Expr {
        expression.rewritten { expr in
            if case .function = expr.kind, let name = functionBodies[expr] { return .name(name) }
            return nil
        }
    }

    /// Whether a definition applies an activation to one other name (`out := σ(net)`).
    public func isActivation(_ definition: String) -> Bool {
        guard let body = definitions[definition], case .function(let function, let argument) = body.kind else {
            return false
        }
        return function != .exp && function != .log && function != .sqrt && argument.nameValue != nil
    }

    /// `dA/dB`: `B` taken as a free variable, everything it is computed from held fixed, and the
    /// chain rule summed over every path from `B` to `A` through the definitions.
    public func derivative(of quantity: String, by variable: String, options: DerivativeOptions = .init())
        throws(ModelError) -> Expr
    {
        guard contains(quantity) else { throw .unknownInDerivative(quantity, usedBy: nil) }
        guard contains(variable) else { throw .unknownInDerivative(variable, usedBy: nil) }
        return adjoints(of: quantity, by: variable, options: options)[variable] ?? 0
    }

    /// `dA/dB` for every name B at once, by one reverse sweep from `quantity`: each name's entry is
    /// the chain rule summed over its users only, which is exactly the derivative with the name
    /// taken as a free variable. Names `quantity` does not depend on are absent (their derivative is 0).
    public func gradient(of quantity: String, options: DerivativeOptions = .init()) -> [String: Expr] {
        var adjoint: [String: Expr] = [quantity: 1]
        var pending: [String: [Expr]] = [:]
        for name in definitionOrder.reversed() {
            if let contributions = pending.removeValue(forKey: name) { adjoint[name] = .sum(contributions.reversed()) }
            guard let seed = adjoint[name] else { continue }
            let partials = localPartials(of: name, options: options)
            for used in uses[name] ?? [] {
                guard let partial = partials[used], partial != 0 else { continue }
                pending[used, default: []].append(seed * partial)
            }
        }
        for (name, contributions) in pending { adjoint[name] = .sum(contributions.reversed()) }
        return adjoint
    }

    /// Reverse accumulation from `quantity` down to `variable`: the derivative of `quantity`
    /// with respect to every name on the way. A name with an entry in `symbols` passes that
    /// symbol down instead of its own adjoint (to write a hidden delta with later deltas).
    public func adjoints(
        of quantity: String, by variable: String, options: DerivativeOptions = .init(), symbols: [String: Expr] = [:]
    ) -> [String: Expr] {
        var memo: [String: Bool] = [:]
        var adjoint: [String: Expr] = [quantity: 1]
        var pending: [String: [Expr]] = [:]
        for name in definitionOrder.reversed() {
            guard name != variable else { continue }
            if let contributions = pending.removeValue(forKey: name) { adjoint[name] = .sum(contributions.reversed()) }
            guard let value = adjoint[name] else { continue }
            let seed = symbols[name] ?? value
            for used in uses[name] ?? [] where depends(used, on: variable, memo: &memo) {
                let local = localPartial(of: name, by: used, options: options)
                guard local != 0 else { continue }
                pending[used, default: []].append(seed * local)
            }
        }
        if let contributions = pending.removeValue(forKey: variable) {
            adjoint[variable] = .sum(contributions.reversed())
        }
        return adjoint
    }
}
