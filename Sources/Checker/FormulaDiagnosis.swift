import Exact
import Fixture
import Symbolic

/// The mistakes under which a `not-equal` formula holds: the diagnosis a numeric claim gets,
/// tried on the formula. `net_h1 == w1*i1 + w3*i2 + b1*1` holds in the model miswired with w3
/// for w2, so that is what the report names, as it would for the same error written as a number.
struct FormulaDiagnosis {
    let fixture: Fixture
    let escalation: Escalation

    /// The mistakes worth trying on a formula: those that change the model or its derivatives,
    /// and the opposite sign (training mistakes change no formula of the untrained model).
    func candidates() -> [Mistake] {
        let search = MistakeSearch(fixture: fixture, escalation: escalation)
        let kept = search.candidates().filter { mistake in
            switch mistake {
            case .sequential, .offByOne, .biasesTrained, .carried: false
            default: true
            }
        }
        return kept.contains(.noHalf) ? kept + [.negated] : [.noHalf, .negated] + kept
    }

    /// The mistakes (certified) under which the two sides of `claim` are equal.
    func mistakes(for claim: Claim) -> [Mistake] {
        guard case .formula(let formula) = claim.kind, let base = try? Scenario(fixture: fixture) else { return [] }
        let reach = Reach(formula, of: claim, in: fixture.model)
        let found = Parallel.map(candidates().filter(reach.canChange)) { mistake -> Mistake? in
            holds(formula, of: claim, under: mistake, base: base) ? mistake : nil
        }
        return found.compactMap { $0 }
    }

    /// What the two sides of a formula claim read: the names they use, directly or through the
    /// model's definitions, and whether a derivative is taken anywhere on the way. A mistake
    /// that changes none of it leaves the formula as unequal as it is in the model as written,
    /// so its scenario need not be built.
    struct Reach {
        var names: Set<String> = []
        var takesDerivatives = false
        /// Whether the claim is an update `p+`, the one formula a training mistake changes.
        var isUpdate = false

        init(_ formula: Expr, of claim: Claim, in model: Model) {
            if case .derivative = claim.quantity.target { takesDerivatives = true }
            if claim.quantity.notation == .plus {
                takesDerivatives = true
                isUpdate = true
            }
            var pending = formula.names
            if case .name(let name) = claim.quantity.target { pending.append(name) }
            if !formula.derivatives.isEmpty { takesDerivatives = true }
            while let name = pending.popLast() {
                guard names.insert(name).inserted else { continue }
                if model.definitions[name]?.derivatives.isEmpty == false { takesDerivatives = true }
                pending += model.uses[name] ?? []
            }
        }

        /// Whether the mistake may change either side: a change to how derivatives are taken
        /// where none is, a miswiring of a name neither side reads, the update's sign where no
        /// update is claimed, or binary32 (which changes no formula), cannot.
        func canChange(_ mistake: Mistake) -> Bool {
            switch mistake {
            case .swapped, .exchanged, .noActivationDerivative: takesDerivatives
            case .miswired(_, let replaced): takesDerivatives || names.contains(replaced)
            case .signOfUpdate: isUpdate
            case .float32: false
            default: true
            }
        }
    }

    /// Whether the formula holds in the mistake's model: screened in `Double` at the givens, then
    /// decided by `Equivalence` (a canonical form, or certified points) in that model. `base`, the
    /// model as written, lends its loss gradient to the mistakes that keep it.
    private func holds(_ formula: Expr, of claim: Claim, under mistake: Mistake, base: Scenario) -> Bool {
        guard
            let scenario = try? Scenario(fixture: fixture, mistake: mistake == .negated ? nil : mistake, sharing: base),
            var left = try? leftSide(of: claim, in: scenario),
            let right = try? resolved(formula, in: scenario)
        else { return false }
        if mistake == .negated { left = -left }
        let model = scenario.model
        guard let screened = try? model.evaluate([left, right], on: DoubleRegisters.init(count:)), screened.count == 2
        else { return false }
        let scale = max(abs(screened[0]), abs(screened[1]), 1e-300)
        guard screened.allSatisfy(\.isFinite), abs(screened[0] - screened[1]) <= 1e-9 * scale else { return false }
        let equivalence = Equivalence(left, right, in: model, seed: UInt64(claim.line), escalation: escalation)
        return equivalence.verdict == .equal
    }

    /// The claimed quantity as the mistake's scenario computes it; `p+` is its update rule.
    private func leftSide(of claim: Claim, in scenario: Scenario) throws(ModelError) -> Expr {
        if claim.quantity.notation == .plus, case .name(let parameter) = claim.quantity.target,
            let loss = fixture.training?.loss
        {
            let step = scenario.rate * (try scenario.derivative(of: loss, by: parameter))
            return scenario.updateSign > 0 ? .name(parameter) - step : .name(parameter) + step
        }
        return try scenario.expression(for: claim.quantity.target)
    }

    /// The formula in the scenario's names, each derivative taken as the scenario takes it.
    private func resolved(_ formula: Expr, in scenario: Scenario) throws(ModelError) -> Expr {
        let model = scenario.model
        for name in formula.names where !model.contains(name) { throw .undefinedName(name, usedBy: "the formula") }
        var expansions: [Expr: Expr] = [:]
        for (quantity, variable) in formula.derivatives {
            expansions[.derivative(of: quantity, by: variable)] = try scenario.derivative(of: quantity, by: variable)
        }
        return formula.rewritten { expansions[$0] }
    }
}
