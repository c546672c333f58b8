import Exact
import Fixture
import Symbolic

/// Finds which mistakes reproduce a claim that is not correctly rounded: each mistake's scenario
/// is screened in `Double`, and only the ones that come close are certified with enclosures.
struct MistakeSearch: Sendable {
    let fixture: Fixture
    let escalation: Escalation

    /// The mistakes worth trying on this fixture.
    func candidates() -> [Mistake] {
        guard let training = fixture.training, let base = try? Scenario(fixture: fixture) else { return [.noHalf] }
        var list: [Mistake] = [.sequential, .noActivationDerivative, .signOfUpdate, .noHalf]
        if !Scenario.biases(of: fixture.model).isEmpty { list.append(.biasesTrained) }
        for layer in base.layers {
            for used in layer {
                for replaced in layer where replaced != used {
                    list.append(.swapped(used: used, replaced: replaced))
                    if used < replaced { list.append(.exchanged(used, replaced)) }
                }
            }
        }
        for layer in base.layers {
            for used in layer {
                for replaced in layer where replaced != used { list.append(.miswired(used: used, replaced: replaced)) }
            }
        }
        _ = training
        return list
    }

    /// Whether a mistake can change a claim's value at all.
    private func matters(_ mistake: Mistake, for claim: Claim, scenario: Scenario, base: Scenario) -> Bool {
        let trained = claim.quantity.step >= 1
        var isDerivative = false
        if case .derivative = claim.quantity.target { isDerivative = true }
        switch mistake {
        case .sequential, .noActivationDerivative: return trained || isDerivative
        case .signOfUpdate, .biasesTrained: return trained
        case .swapped, .exchanged:
            if isDerivative, case .derivative(let a, let b) = claim.quantity.target,
                (try? scenario.derivative(of: a, by: b)) != (try? base.derivative(of: a, by: b))
            {
                return true
            }
            guard trained, let loss = fixture.training?.loss else { return false }
            return scenario.parameters.contains {
                (try? scenario.derivative(of: loss, by: $0)) != (try? base.derivative(of: loss, by: $0))
            }
        default: return true
        }
    }

    /// What one mistake did to the pending claims: the claims it reproduces (certified) and, for
    /// every claim screened, how many digits its `Double` value shares with the printed number.
    struct Outcome: Sendable {
        var reproduced: [Int] = []
        var agreement: [Int: Int] = [:]
    }

    /// The mistakes that reproduce a claim, or the closest one when none does.
    struct Findings: Sendable {
        var explanations: [Mistake] = []
        var closest: (mistake: Mistake, agreeingDigits: Int)?
    }

    /// Tries every candidate mistake on the claims at `pending` (indices into `claims`).
    func explain(_ claims: [Claim], pending: [Int]) -> [Int: Findings] {
        guard !pending.isEmpty, let base = try? Scenario(fixture: fixture) else { return [:] }
        let mistakes = candidates()
        let outcomes = Parallel.map(mistakes) { mistake in
            self.outcome(of: mistake, pending: pending, claims: claims, base: base)
        }
        return findings(pending: pending, mistakes: mistakes, outcomes: outcomes)
    }

    /// What the mistakes' outcomes say about each pending claim.
    func findings(pending: [Int], mistakes: [Mistake], outcomes: [Outcome]) -> [Int: Findings] {
        var findings: [Int: Findings] = [:]
        for index in pending { findings[index] = Findings() }
        for (mistake, outcome) in zip(mistakes, outcomes) {
            for index in outcome.reproduced { findings[index]?.explanations.append(mistake) }
            for (index, digits) in outcome.agreement where digits > (findings[index]?.closest?.agreeingDigits ?? 0) {
                findings[index]?.closest = (mistake, digits)
            }
        }
        return findings
    }

    /// Screens one mistake in `Double`, then certifies the claims it comes close to.
    func outcome(of mistake: Mistake, pending: [Int], claims: [Claim], base: Scenario) -> Outcome {
        var outcome = Outcome()
        guard let scenario = try? Scenario(fixture: fixture, mistake: mistake, sharing: base) else { return outcome }
        let relevant = pending.filter { matters(mistake, for: claims[$0], scenario: scenario, base: base) }
        var requests: [Request] = []
        var owners: [Int] = []
        for index in relevant {
            let claim = claims[index]
            guard let expression = try? scenario.expression(for: claim.quantity.target) else { continue }
            requests.append(
                Request(step: claim.quantity.step, expression: expression, readsUpdates: scenario.isSequential))
            owners.append(index)
        }
        guard !requests.isEmpty,
            let doubles = try? ScenarioRun(scenario: scenario, makeRegisters: DoubleRegisters.init(count:)).evaluate(
                requests)
        else { return outcome }
        var candidates: [Int] = []
        for (position, index) in owners.enumerated() {
            guard let literal = claims[index].literal else { continue }
            if Self.isNear(doubles[position], literal) { candidates.append(position) }
            outcome.agreement[index] = Self.agreeingDigits(doubles[position], literal)
        }
        guard !candidates.isEmpty else { return outcome }
        let chosen = candidates.map { requests[$0] }
        for precision in escalation.precisions {
            guard
                let balls = try? ScenarioRun(
                    scenario: scenario, makeRegisters: { BallRegisters(count: $0, precision: precision) }
                ).evaluate(chosen)
            else { break }
            var undecided = false
            outcome.reproduced = []
            for (ball, position) in zip(balls, candidates) {
                let index = owners[position]
                guard let literal = claims[index].literal else { continue }
                switch Bounds(ball).roundsTo(literal) {
                case true?: outcome.reproduced.append(index)
                case false?: break
                case nil: undecided = true
                }
            }
            if !undecided { break }
        }
        return outcome
    }

    /// Screening: within half a unit of the printed last place, with room for `Double`'s own error.
    static func isNear(_ double: Double, _ literal: DecimalLiteral) -> Bool {
        guard double.isFinite, let unit = literal.unit?.doubleValue else { return false }
        let value = literal.value.doubleValue
        return abs(double - value) <= unit / 2 + 1e-9 * max(abs(value), unit)
    }

    /// How many leading significant digits of the printed number the value reproduces.
    static func agreeingDigits(_ double: Double, _ literal: DecimalLiteral) -> Int {
        guard double.isFinite, let point = Rational(exactly: double) else { return 0 }
        let difference = (point - literal.value).magnitude
        guard difference.signum > 0 else { return literal.significantDigits }
        guard literal.value.signum != 0, let ratio = (literal.value.magnitude / difference).decimalExponent else {
            return 0
        }
        return min(max(ratio, 0), literal.significantDigits)
    }
}
