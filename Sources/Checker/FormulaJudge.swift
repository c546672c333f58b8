import Exact
import Fixture
import Symbolic

/// Decides a formula claim through `Equivalence`: the claimed quantity against the formula.
struct FormulaJudge {
    let fixture: Fixture
    let escalation: Escalation
    /// The model as written, made once for every formula (it takes the loss's gradient).
    private let scenario: Result<Scenario, ModelError>

    init(fixture: Fixture, escalation: Escalation) {
        self.fixture = fixture
        self.escalation = escalation
        scenario = Result { () throws(ModelError) in try Scenario(fixture: fixture) }
    }

    func judge(_ claim: Claim) throws(FormulaError) -> ClaimResult {
        guard case .formula(let formula) = claim.kind else { throw FormulaError(message: "not a formula claim") }
        let left: Expr
        let right: Expr
        do {
            left = try leftSide(of: claim)
            right = try fixture.model.resolving(formula)
        } catch {
            throw FormulaError(message: error.description)
        }
        let equivalence = Equivalence(
            left, right, in: fixture.model, seed: UInt64(claim.line), escalation: escalation,
            atGivensOnly: claim.atGivensOnly)
        let double = (try? fixture.model.evaluate([left - right], on: DoubleRegisters.init(count:)))?.first
        let verdict: Verdict =
            switch equivalence.verdict {
            case .equal: .equal
            case .notEqual: .notEqual
            case .undecided: .undecided
            }
        // A formula that does not hold gets the diagnosis a number would: the mistakes under which it does.
        let explanations =
            verdict == .notEqual ? FormulaDiagnosis(fixture: fixture, escalation: escalation).mistakes(for: claim) : []
        return ClaimResult(
            claim: claim, verdict: verdict, certifiedDigits: nil,
            double: double, doubleVerdict: nil, explanations: explanations, closest: nil,
            method: .equivalence(equivalence.method), precision: equivalence.precision)
    }

    /// The claimed quantity as a formula in the model's names; `p+` is the update rule.
    private func leftSide(of claim: Claim) throws(ModelError) -> Expr {
        let scenario = try scenario.get()
        if claim.quantity.notation == .plus, case .name(let parameter) = claim.quantity.target,
            let loss = fixture.training?.loss
        {
            return .name(parameter) - scenario.rate * (try scenario.derivative(of: loss, by: parameter))
        }
        return try scenario.expression(for: claim.quantity.target)
    }
}
