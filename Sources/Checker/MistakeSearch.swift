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
        guard fixture.training != nil, let base = try? Scenario(fixture: fixture) else { return [.noHalf, .float32] }
        // A batch of several samples is updated layer by layer only in the correct way: `sequential`
        // is tried where a step trains on one sample.
        var list: [Mistake] = TrainingStep<DoubleRegisters>.batchesSeveralSamples(fixture) ? [] : [.sequential]
        list += [.noActivationDerivative, .signOfUpdate, .noHalf, .float32]
        if !Scenario.biases(of: fixture.model).isEmpty { list.append(.biasesTrained) }
        if fixture.sampleCount > 1 { list.append(.reduction) }
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
        /// The mistake's `Double` value of each claim screened: whether it moved the quantity at all.
        var values: [Int: Double] = [:]
    }

    /// The mistakes that reproduce a claim, or the closest one when none does.
    struct Findings: Sendable {
        var explanations: [Mistake] = []
        var closest: (mistake: Mistake, agreeingDigits: Int)?
    }

    /// Tries every candidate mistake on the claims at `pending` (indices into `claims`); `truth`
    /// holds each claim's correct `Double` value, which a closest mistake must beat.
    func explain(_ claims: [Claim], pending: [Int], truth: [Double]) -> [Int: Findings] {
        guard !pending.isEmpty, let base = try? Scenario(fixture: fixture) else { return [:] }
        let mistakes = candidates()
        let outcomes = self.outcomes(of: mistakes, pending: pending, claims: claims, base: base)
        return findings(
            pending: pending, mistakes: mistakes, outcomes: mistakes.map { outcomes[$0] ?? Outcome() }, claims: claims,
            truth: truth)
    }

    /// `outcome(of:)` of every mistake, on all cores, the longest work first: the first mistake
    /// screened on its own (`sequential` where it is tried, whose certification trains again),
    /// then the pairs' screening, a batch of lanes per job, then the other mistakes, which fill
    /// the cores around those long passes instead of leaving one idle while the last pass ends.
    func outcomes(of mistakes: [Mistake], pending: [Int], claims: [Claim], base: Scenario) -> [Mistake: Outcome] {
        // The programs on which the pairs of a layer are screened, built once for every mistake.
        let screening = SlotScreen(fixture: fixture, claims: claims, pending: pending, base: base).map { screen in
            PairScreening(screen: screen, mistakes: mistakes, pending: pending, claims: claims)
        }
        let batches = screening.map { Array(0..<$0.batchCount) } ?? []
        let own = mistakes.filter { screening?.screensInBatch($0) != true }
        let paired = mistakes.filter { screening?.screensInBatch($0) == true }
        let jobs = own.prefix(1).map(Job.mistake) + batches.map(Job.batch) + (own.dropFirst() + paired).map(Job.mistake)
        let done = Parallel.map(jobs) { job -> (Mistake, Outcome)? in
            switch job {
            case .batch(let index):
                screening?.run(batch: index)
                return nil
            case .mistake(let mistake):
                return (
                    mistake, outcome(of: mistake, screening: screening, pending: pending, claims: claims, base: base)
                )
            }
        }
        return Dictionary(done.compactMap { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// A unit of the search's work: one mistake's outcome, or one batch of the pairs' screening.
    private enum Job: Sendable {
        case mistake(Mistake)
        case batch(Int)
    }

    /// What the mistakes' outcomes say about each pending claim. A closest mistake is named only
    /// when it helps: its value moved the quantity and lies strictly nearer the printed number than
    /// the true value does (`ClosestMistake`).
    func findings(pending: [Int], mistakes: [Mistake], outcomes: [Outcome], claims: [Claim], truth: [Double])
        -> [Int: Findings]
    {
        var findings: [Int: Findings] = [:]
        for index in pending { findings[index] = Findings() }
        for (mistake, outcome) in zip(mistakes, outcomes) {
            for index in outcome.reproduced { findings[index]?.explanations.append(mistake) }
            for (index, digits) in outcome.agreement where digits > (findings[index]?.closest?.agreeingDigits ?? 0) {
                guard let literal = claims[index].literal, let value = outcome.values[index],
                    truth.indices.contains(index),
                    ClosestMistake.helps(value, truth: truth[index], printed: literal)
                else { continue }
                findings[index]?.closest = (mistake, digits)
            }
        }
        return findings
    }

    /// Screens one mistake in `Double`, then certifies the claims it comes close to. A pair of
    /// parameters (`swapped`, `exchanged`, `miswired`) is screened on the shared `SlotScreen`,
    /// its scenario rebuilt only when a claim comes close; any other mistake on its own scenario.
    private func outcome(
        of mistake: Mistake, screening: PairScreening?, pending: [Int], claims: [Claim], base: Scenario
    ) -> Outcome {
        if let screened = screening?.values(of: mistake) {
            return judged(screened, claims: claims) { owners in
                guard let scenario = try? Scenario(fixture: fixture, mistake: mistake, sharing: base) else { return [] }
                let (requests, kept) = Self.requests(for: owners, claims: claims, scenario: scenario)
                return certifiedReproductions(of: requests, owners: kept, claims: claims, scenario: scenario)
            }
        }
        guard let scenario = try? Scenario(fixture: fixture, mistake: mistake, sharing: base) else { return Outcome() }
        let relevant = pending.filter { matters(mistake, for: claims[$0], scenario: scenario, base: base) }
        let (requests, owners) = Self.requests(for: relevant, claims: claims, scenario: scenario)
        guard !requests.isEmpty else { return Outcome() }
        if mistake == .float32 { return binary32Outcome(requests, owners: owners, claims: claims, scenario: scenario) }
        let doubles = ScenarioRun(scenario: scenario, makeRegisters: DoubleRegisters.init(count:)).evaluate(requests)
        let screened = zip(owners, doubles).compactMap { owner, result in (try? result.get()).map { (owner, $0) } }
        return judged(screened, claims: claims) { candidates in
            let positions = candidates.compactMap { owners.firstIndex(of: $0) }
            return certifiedReproductions(
                of: positions.map { requests[$0] }, owners: positions.map { owners[$0] }, claims: claims,
                scenario: scenario)
        }
    }

    /// The requests of the claims at `indices` in a scenario, and the claims they belong to (a claim
    /// whose quantity the scenario cannot express is left out).
    private static func requests(for indices: [Int], claims: [Claim], scenario: Scenario) -> ([Request], [Int]) {
        var requests: [Request] = []
        var owners: [Int] = []
        for index in indices {
            let claim = claims[index]
            guard let expression = try? scenario.expression(for: claim.quantity.target) else { continue }
            requests.append(
                Request(
                    step: claim.quantity.step, expression: expression, readsUpdates: scenario.isSequential,
                    samples: scenario.samples(for: claim.quantity)))
            owners.append(index)
        }
        return (requests, owners)
    }

    /// The outcome of a mistake's `Double` values (by claim): how many digits each shares with the
    /// printed number, and the claims `certify` confirms among those that come close.
    private func judged(_ screened: [(index: Int, value: Double)], claims: [Claim], certify: ([Int]) -> [Int])
        -> Outcome
    {
        var outcome = Outcome()
        var candidates: [Int] = []
        for (index, double) in screened {
            guard let literal = claims[index].literal else { continue }
            // Where Double cannot represent the value (an overflow, a NaN), it decides nothing: balls do.
            if !double.isFinite || Self.isNear(double, literal) { candidates.append(index) }
            outcome.agreement[index] = Self.agreeingDigits(double, literal)
            outcome.values[index] = double
        }
        guard !candidates.isEmpty else { return outcome }
        outcome.reproduced = certify(candidates)
        return outcome
    }

    /// The `float32` mistake: the model computed in binary32. Its values are exact binary numbers,
    /// so whether one rounds to the printed number needs no enclosure.
    private func binary32Outcome(_ requests: [Request], owners: [Int], claims: [Claim], scenario: Scenario) -> Outcome {
        let floats = ScenarioRun(scenario: scenario, makeRegisters: FloatRegisters.init(count:)).evaluate(requests)
        let values = zip(owners, floats).compactMap { owner, result in (try? result.get()).map { (owner, $0) } }
        return Self.binary32Outcome(values, claims: claims)
    }

    /// The `float32` mistake's outcome from the binary32 values of the correct scenario, already
    /// computed (`floats[i]`, claim i's value; NaN where it has none), instead of training again.
    func binary32Outcome(floats: [Float], pending: [Int], claims: [Claim], base: Scenario) -> Outcome {
        let relevant = pending.filter { matters(.float32, for: claims[$0], scenario: base, base: base) }
        return Self.binary32Outcome(relevant.map { ($0, floats[$0]) }, claims: claims)
    }

    private static func binary32Outcome(_ values: [(index: Int, value: Float)], claims: [Claim]) -> Outcome {
        var outcome = Outcome()
        for (index, float) in values {
            guard let literal = claims[index].literal, let value = Rational(exactly: Double(float)) else { continue }
            if Bounds(exactly: value).roundsTo(literal) == true { outcome.reproduced.append(index) }
            outcome.agreement[index] = agreeingDigits(Double(float), literal)
        }
        return outcome
    }

    /// The claims (indices into `claims`) whose printed number the mistake's certified value rounds
    /// to: each decided at the lowest precision that settles it, what the cap leaves open left out.
    private func certifiedReproductions(of requests: [Request], owners: [Int], claims: [Claim], scenario: Scenario)
        -> [Int]
    {
        var reproduced: Set<Int> = []
        var open = Set(owners.indices)
        _ = escalation.decide { precision -> Bool? in
            let values = CertifiedVerdicts.values(
                of: requests, in: scenario, precision: precision, progress: nil, recentres: false)
            for position in open {
                guard let literal = claims[owners[position]].literal else {
                    open.remove(position)
                    continue
                }
                switch values[position] {
                case .success(let value):
                    guard let rounds = Bounds(value).roundsTo(literal) else { continue }
                    if rounds { reproduced.insert(owners[position]) }
                    open.remove(position)
                case .failure(let error):
                    if !error.mayYieldToPrecision { open.remove(position) }
                }
            }
            return open.isEmpty ? true : nil
        }
        return owners.filter(reproduced.contains)
    }

    /// Screening: within half a unit of the printed last place, with room for `Double`'s own error.
    static func isNear(_ double: Double, _ literal: DecimalLiteral) -> Bool {
        guard double.isFinite else { return false }
        let unit = literal.unit?.doubleValue ?? 0
        let value = literal.value.doubleValue
        return abs(double - value) <= unit / 2 + 1e-9 * max(abs(value), unit, .leastNormalMagnitude)
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
