import Exact
import Fixture
import Symbolic

/// The format's carried value of a claim: the quantity recomputed from the fixture's own
/// claimed numbers, one definition at a time, wherever a number is claimed at the same step.
struct CarriedValue: Sendable {
    let fixture: Fixture
    let claim: Claim
    /// The step whose values the expression is to be evaluated at (step 1 is rebuilt from step 0's
    /// carried gradients, so it is evaluated at step 0).
    let evaluationStep: Int
    let expression: Expr
    /// The lines of the claimed numbers the carried value was computed from, in order: empty when
    /// none fed it (the carried value is then the true value and says nothing new).
    let sources: [Int]

    init(fixture: Fixture, claim: Claim) {
        self.fixture = fixture
        self.claim = claim
        var builder = Builder(fixture: fixture, step: claim.quantity.step, excluding: claim)
        let step = claim.quantity.step
        evaluationStep = step == 1 && fixture.training != nil ? 0 : step
        switch claim.quantity.target {
        case .name(let name): expression = builder.name(name)
        case .derivative(let a, let b): expression = builder.derivative(of: a, by: b)
        }
        sources = builder.used.sorted()
    }

    /// A claimed number that the carried value may use, and the line that claims it.
    private struct Claimed {
        var value: Rational
        var line: Int
    }

    private struct Builder {
        let fixture: Fixture
        let step: Int
        let claimed: [Quantity.Target: Claimed]
        var names: [String: Expr] = [:]
        var derivatives: [String: Expr] = [:]
        var stepZero: [Quantity.Target: Claimed]
        /// The lines of the claimed numbers used so far.
        var used: Set<Int> = []

        init(fixture: Fixture, step: Int, excluding claim: Claim) {
            self.fixture = fixture
            self.step = step
            claimed = Self.claims(in: fixture, at: step, before: claim)
            stepZero = Self.claims(in: fixture, at: 0, before: claim)
        }

        /// The first numeric claim of each target at `step`; the judged claim and later repeats excluded.
        static func claims(in fixture: Fixture, at step: Int, before claim: Claim) -> [Quantity.Target: Claimed] {
            var result: [Quantity.Target: Claimed] = [:]
            for other in fixture.claims
            where other.quantity.step == step && other.line != claim.line && other.group == claim.group
                && other.quantity.sample == claim.quantity.sample
            {
                guard let literal = other.literal, result[other.quantity.target] == nil else { continue }
                if other.quantity.target == claim.quantity.target, other.line > claim.line { continue }
                result[other.quantity.target] = Claimed(value: literal.value, line: other.line)
            }
            return result
        }

        /// A claimed number as a constant, its line noted.
        private mutating func constant(_ claimed: Claimed) -> Expr {
            used.insert(claimed.line)
            return .constant(claimed.value)
        }

        mutating func name(_ name: String) -> Expr {
            if let value = claimed[.name(name)] { return constant(value) }
            if let known = names[name] { return known }
            let model = fixture.model
            var result: Expr = .name(name)
            if let body = model.definitions[name] {
                var replacements: [String: Expr] = [:]
                for used in model.uses[name] ?? [] { replacements[used] = self.name(used) }
                result = body.substituting(replacements)
            } else if step == 1, let training = fixture.training, training.parameters.contains(name) {
                var atZero = Builder(fixture: fixture, step: 0, claimed: stepZero)
                let rate: Expr =
                    switch training.rate {
                    case .number(let value): .constant(value)
                    case .name(let rateName): .name(rateName)
                    }
                result = .name(name) - rate * atZero.derivative(of: training.loss, by: name)
                used.formUnion(atZero.used)
            }
            names[name] = result
            return result
        }

        private init(fixture: Fixture, step: Int, claimed: [Quantity.Target: Claimed]) {
            self.fixture = fixture
            self.step = step
            self.claimed = claimed
            stepZero = claimed
        }

        mutating func derivative(of quantity: String, by variable: String) -> Expr {
            if let value = claimed[.derivative(of: quantity, by: variable)] { return constant(value) }
            if quantity == variable { return 1 }
            let key = quantity + "\u{1}" + variable
            if let known = derivatives[key] { return known }
            let model = fixture.model
            var terms: [Expr] = []
            for user in model.definitionOrder
            where (model.uses[user] ?? []).contains(variable) && model.depends(quantity, on: user) {
                let outer = derivative(of: quantity, by: user)
                let local: Expr
                if let value = claimed[.derivative(of: user, by: variable)] {
                    local = constant(value)
                } else {
                    var replacements: [String: Expr] = [:]
                    let partial = model.localPartial(of: user, by: variable)
                    for used in partial.names { replacements[used] = name(used) }
                    local = partial.substituting(replacements)
                }
                terms.append(outer * local)
            }
            let result = Expr.sum(terms)
            derivatives[key] = result
            return result
        }
    }
}
