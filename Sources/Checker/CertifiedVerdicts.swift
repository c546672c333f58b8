import Exact
import Fixture
import Symbolic

/// The verdicts of numeric claims from certified values at rising precision: every claim is
/// judged at the first precision whose enclosures settle it, from registers that keep exact
/// rationals wherever the computation stays rational (so a value on a rounding boundary is
/// decided too); what no precision up to the cap settles is reported `undecided`, never guessed.
struct CertifiedVerdicts {
    let claims: [Claim]
    let plans: [ClaimPlan]
    let requests: [Request]
    let scenario: Scenario
    /// Each request's plain `Double` value (NaN where it has none).
    let doubles: [Double]
    /// Each request's binary32 value (NaN where it has none).
    let floats: [Float]
    let escalation: Escalation
    /// Significant digits the exact column must show (more when the printed number has more).
    let digits: Int
    /// Hears the certified run's training steps.
    var progress: (@Sendable (CheckProgress) -> Void)? = nil

    /// The certified values of `requests` at `precision`: in the double-double tier at
    /// `Escalation.doubleDoubleBits`, else on MPFR balls that keep exact rationals, re-centred over
    /// a long training when `recentres`.
    static func values(
        of requests: [Request], in scenario: Scenario, precision: Int,
        progress: (@Sendable (CheckProgress) -> Void)?, recentres: Bool = true
    ) -> [Result<RationalBall, RunError>] {
        let report = progress.map { progress in
            { (step: Int, steps: Int) in progress(CheckProgress(step: step, steps: steps, precision: precision)) }
        }
        if precision == Escalation.doubleDoubleBits {
            var run = ScenarioRun(scenario: scenario) { DoubleDoubleRegisters(count: $0) }
            run.progress = report
            return run.evaluate(requests)
        }
        var run = ScenarioRun(scenario: scenario) { RationalBallRegisters(count: $0, precision: precision) }
        run.progress = report
        if recentres, LongTraining.includes(step: requests.map(\.step).max() ?? 0) {
            run.observe = { CentredTraining(scenario: scenario, training: $0) }
        }
        return run.evaluate(requests)
    }

    /// A verdict for every claim; a claim whose value cannot be evaluated even at the cap is an error.
    /// `first` holds the values at the escalation's first precision when they were made already.
    func results(first: [Result<RationalBall, RunError>]? = nil) throws(ClaimError) -> [ClaimResult] {
        var decided: [ClaimResult?] = Array(repeating: nil, count: claims.count)
        var last: [Result<RationalBall, RunError>] = []
        var lastPrecision = escalation.initial
        _ = try escalation.decide { (precision: Int) throws(ClaimError) -> Bool? in
            let made = precision == escalation.precisions.first ? first : nil
            let values = made ?? Self.values(of: requests, in: scenario, precision: precision, progress: progress)
            (last, lastPrecision) = (values, precision)
            let atCap = precision >= escalation.cap
            for index in claims.indices where decided[index] == nil {
                switch values[plans[index].main] {
                case .success(let value):
                    decided[index] = judge(index, value: value, among: values, precision: precision, atCap: atCap)
                case .failure(let error):
                    if !error.mayYieldToPrecision || atCap { throw ClaimError(claim: claims[index], run: error) }
                }
            }
            return decided.allSatisfy { $0 != nil } ? true : nil
        }
        return claims.indices.map { index in
            decided[index] ?? undecided(index, among: last, precision: lastPrecision)
        }
    }

    /// Bounds on a request's value (its ball, or its exact value when `exactly`): `nil` when it
    /// failed for good, or when it failed below the cap (`retry` is then set: the claim waits for
    /// a higher precision).
    private func bounds(_ value: Result<RationalBall, RunError>, exactly: Bool, atCap: Bool, retry: inout Bool)
        -> Bounds?
    {
        switch value {
        case .success(let value): return exactly ? Bounds(value) : Bounds(value.ball)
        case .failure(let error):
            if error.mayYieldToPrecision && !atCap { retry = true }
            return nil
        }
    }

    /// The verdict from the values of one precision, or `nil` when they are too wide to decide it.
    /// Balls decide first; exact values, where the computation kept them, settle what balls cannot
    /// (a value on a rounding boundary).
    private func judge(
        _ index: Int, value: RationalBall, among values: [Result<RationalBall, RunError>], precision: Int, atCap: Bool
    ) -> ClaimResult? {
        let claim = claims[index]
        let plan = plans[index]
        guard let literal = claim.literal else { return nil }
        let double = doubles[plan.main]
        let float = floats[plan.main]
        var retry = false
        var method = DecisionMethod.enclosure
        var truth = Bounds(value.ball)
        var carried = bounds(values[plan.carried], exactly: false, atCap: atCap, retry: &retry)
        var verdict = VerdictRules.verdict(literal, truth: truth, carried: carried, double: double, float: float)
        if verdict == nil {
            truth = Bounds(value)
            carried = bounds(values[plan.carried], exactly: true, atCap: atCap, retry: &retry)
            verdict = VerdictRules.verdict(literal, truth: truth, carried: carried, double: double, float: float)
            method = .exactRationals
        }
        guard !retry, let verdict, let shown = certifiedDigits(value, atCap: atCap) else {
            return nil
        }
        // The double-double tier answers only what it settles in full; MPFR's precisions leave out
        // what they cannot tell, as before the tier existed.
        let strict = precision == Escalation.doubleDoubleBits
        if strict, let carried, VerdictRules.reproduces(carried, literal) == nil { return nil }
        var explanations: [Mistake] = []
        if verdict == .truncated || verdict == .lastDigit || verdict == .wrong {
            guard
                let found = ownExplanations(
                    of: literal, truth: truth, carried: carried, plan: plan, among: values, strict: strict)
            else { return nil }
            explanations = found
        }
        if verdict == .lastDigit {
            let roundedTwice =
                [VerdictRules.isDoubleRounding(literal, truth: truth)]
                + (carried.map { [VerdictRules.isDoubleRounding(literal, truth: $0)] } ?? [])
            if strict && roundedTwice.contains(nil) && !roundedTwice.contains(true) { return nil }
            if roundedTwice.contains(true) { explanations.append(.doubleRounding) }
        }
        let format =
            verdict == .floating
            ? VerdictRules.floatingFormat(literal, truth: truth, double: double, float: float) : nil
        return ClaimResult(
            claim: claim, verdict: verdict, certifiedDigits: shown, double: double,
            doubleVerdict: VerdictRules.doubleVerdict(literal, double: double, carried: carried),
            floatingFormat: format ?? nil, explanations: explanations, closest: nil, method: method,
            precision: method == .enclosure ? precision : nil, carriedFrom: plan.carriedFrom)
    }

    /// The explanations a number that is off finds in its own values: a neighbouring step, the
    /// opposite sign, a carried value. When `strict`, `nil` while some of them cannot be told yet,
    /// so that a claim is judged there only once its explanations are settled too: the wider
    /// enclosures of the double-double tier then never drop one that MPFR's would give.
    private func ownExplanations(
        of literal: DecimalLiteral, truth: Bounds, carried: Bounds?, plan: ClaimPlan,
        among values: [Result<RationalBall, RunError>], strict: Bool
    ) -> [Mistake]? {
        var explanations: [Mistake] = []
        var settled = true
        for (step, request) in plan.neighbours {
            switch values[request] {
            case .success(let other):
                let rounds = Bounds(other).roundsTo(literal)
                if rounds == true { explanations.append(.offByOne(step: step)) }
                if rounds == nil { settled = false }
            case .failure(let error):
                if error.mayYieldToPrecision { settled = false }
            }
        }
        let negated = truth.negated.roundsTo(literal)
        if negated == true { explanations.append(.negated) }
        // The format lists `carried` only when some claimed number fed the computation.
        var carries: Bool? = false
        if let carried, !plan.carriedFrom.isEmpty { carries = VerdictRules.reproduces(carried, literal) }
        if carries == true { explanations.append(.carried) }
        guard !strict || (settled && negated != nil && carries != nil) else { return nil }
        return explanations
    }

    /// The certified digits of the exact column: exactly `digits` of them, as `--digits` asks
    /// (else `nil`, to try a higher precision; at the cap, as many as the enclosure decides).
    private func certifiedDigits(_ value: RationalBall, atCap: Bool) -> String? {
        let wanted = digits
        if let exact = value.exact { return exact.formatted(significantDigits: wanted) }
        if let shown = value.ball.formatted(significantDigits: wanted) { return shown }
        return atCap ? value.ball.formatted(atMostSignificantDigits: wanted) : nil
    }

    /// A claim no precision up to the cap could decide: said so, with the `Double` verdict beside it.
    private func undecided(_ index: Int, among values: [Result<RationalBall, RunError>], precision: Int) -> ClaimResult
    {
        let claim = claims[index]
        let plan = plans[index]
        let double = doubles[plan.main]
        let carried = (try? values[plan.carried].get()).map(Bounds.init)
        let doubleVerdict = claim.literal.map { VerdictRules.doubleVerdict($0, double: double, carried: carried) }
        return ClaimResult(
            claim: claim, verdict: .undecided, certifiedDigits: (try? values[plan.main].get())?.ball.description,
            double: double, doubleVerdict: doubleVerdict, explanations: [], closest: nil,
            method: .undecided(bits: precision), precision: precision)
    }
}
