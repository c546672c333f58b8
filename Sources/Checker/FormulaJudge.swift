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

    /// The claim's verdict, its sides and `Double` value made for it alone.
    func judge(_ claim: Claim) throws(FormulaError) -> ClaimResult {
        let sides = try sides(of: claim)
        return judge(claim, sides: sides, double: doubles(of: [sides])[0])
    }

    /// The two sides of a formula claim in the model's names, its derivatives expanded.
    struct Sides {
        var left: Expr
        var right: Expr
    }

    func sides(of claim: Claim) throws(FormulaError) -> Sides {
        guard case .formula(let formula) = claim.kind else { throw FormulaError(message: "not a formula claim") }
        do {
            return Sides(left: try leftSide(of: claim), right: try fixture.model.resolving(formula))
        } catch {
            throw FormulaError(message: error.description)
        }
    }

    /// Each claim's `Double` value of left − right at the givens, all compiled into one program
    /// (the model's definitions compiled once, not once a claim); nil where it has none.
    func doubles(of sides: [Sides]) -> [Double?] {
        let differences = sides.map { $0.left - $0.right }
        let model = fixture.model
        if let values = try? model.evaluate(differences, on: DoubleRegisters.init(count:)) { return values }
        return differences.map { (try? model.evaluate([$0], on: DoubleRegisters.init(count:)))?.first }
    }

    /// The claim's verdict from its sides, `double` its `Double` value of left − right.
    func judge(_ claim: Claim, sides: Sides, double: Double?) -> ClaimResult {
        let equivalence = Equivalence(
            sides.left, sides.right, in: fixture.model, seed: UInt64(claim.line), escalation: escalation,
            atGivensOnly: claim.atGivensOnly)
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
