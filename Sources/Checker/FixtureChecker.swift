import Exact
import Fixture
import Symbolic

/// Judges every claim of a fixture: the verdict from a certified enclosure of the true value,
/// the `Double` result beside it, and the mistakes that reproduce each discrepancy.
public struct FixtureChecker: Sendable {
    /// The precisions tried: raised until every verdict is decided, then "undecided" past the cap.
    public var escalation: Escalation
    /// Significant digits of the exact column (at least 20).
    public var digits: Int

    public init(escalation: Escalation = Escalation(initial: 128, cap: 2048), digits: Int = 20) {
        self.escalation = escalation
        self.digits = max(digits, 1)
    }

    /// Checks a fixture; an evaluation that fails is reported at its claim's or definition's line.
    public func check(_ fixture: Fixture) throws(FixtureError) -> FileReport {
        var results: [ClaimResult?] = Array(repeating: nil, count: fixture.claims.count)
        let numeric = fixture.claims.indices.filter { fixture.claims[$0].literal != nil }
        do {
            let judged = try judgeNumeric(numeric.map { fixture.claims[$0] }, in: fixture)
            for (index, result) in zip(numeric, judged) { results[index] = result }
        } catch {
            throw FixtureError(diagnostics: [diagnostic(for: error, in: fixture)])
        }
        for index in fixture.claims.indices where results[index] == nil {
            do {
                results[index] = try FormulaJudge(fixture: fixture, escalation: escalation).judge(fixture.claims[index])
            } catch {
                let claim = fixture.claims[index]
                throw FixtureError(diagnostics: [
                    Diagnostic(
                        file: fixture.file, line: claim.line, column: 1,
                        message: "cannot evaluate the formula: \(error.message)")
                ])
            }
        }
        return FileReport(file: fixture.file, results: results.compactMap { $0 })
    }

    private func diagnostic(for failure: ClaimError, in fixture: Fixture) -> Diagnostic {
        let line = failure.run.definition.flatMap { fixture.lines[$0] } ?? failure.claim.line
        let place = failure.run.definition.map { " (in the definition of '\($0)')" } ?? ""
        return Diagnostic(
            file: fixture.file, line: line, column: 1,
            message: "cannot evaluate \(failure.claim.quantity)\(place): \(failure.run.message)")
    }

    /// A finished piece of the checking pool.
    private enum Job: Sendable {
        case certified(Result<[ClaimResult], ClaimError>)
        case screened(MistakeSearch.Outcome)
    }

    struct ClaimError: Error, Sendable {
        var claim: Claim
        var run: RunError
    }

    /// The requests for one claim under the correct scenario: its value, the neighbouring steps
    /// (off-by-one) and its carried value.
    private struct Plan: Sendable {
        var main: Int
        var neighbours: [(step: Int, request: Int)]
        var carried: Int
    }

    private func judgeNumeric(_ claims: [Claim], in fixture: Fixture) throws(ClaimError) -> [ClaimResult] {
        guard !claims.isEmpty else { return [] }
        let scenario: Scenario
        do { scenario = try Scenario(fixture: fixture) } catch {
            throw ClaimError(claim: claims[0], run: RunError(message: error.description, definition: nil, step: 0))
        }
        var requests: [Request] = []
        var plans: [Plan] = []
        for claim in claims {
            let step = claim.quantity.step
            let expression: Expr
            do { expression = try scenario.expression(for: claim.quantity.target) } catch {
                throw ClaimError(claim: claim, run: RunError(message: error.description, definition: nil, step: step))
            }
            let main = requests.count
            requests.append(Request(step: step, expression: expression))
            var neighbours: [(Int, Int)] = []
            if fixture.training != nil {
                for other in [step - 1, step + 1] where other >= 0 && other <= FixtureReader.stepLimit + 1 {
                    neighbours.append((other, requests.count))
                    requests.append(Request(step: other, expression: expression))
                }
            }
            let carried = CarriedValue(fixture: fixture, claim: claim)
            plans.append(Plan(main: main, neighbours: neighbours, carried: requests.count))
            requests.append(Request(step: carried.evaluationStep, expression: carried.expression))
        }
        let doubles: [Double]
        do {
            doubles = try ScenarioRun(scenario: scenario, makeRegisters: DoubleRegisters.init(count:)).evaluate(
                requests)
        } catch {
            throw ClaimError(claim: claims[0], run: error)
        }
        // A printed figure has a dozen digits at most: 60-bit enclosures (one machine word) decide
        // whether a mistake reproduces it, and the escalation raises that where they cannot.
        let diagnosis = MistakeSearch(fixture: fixture, escalation: Escalation(initial: 60, cap: escalation.cap))
        // The diagnosis starts at once, on the claims whose Double value is not correctly rounded,
        // while the certified run decides the verdicts on the other core.
        let likely = claims.indices.filter { index in
            guard let literal = claims[index].literal, let point = Rational(exactly: doubles[plans[index].main]) else {
                return true
            }
            return Bounds(exactly: point).roundsTo(literal) != true
        }
        // One pool of work for both cores: the certified run first (the longest job), then each
        // mistake's screening of the claims whose Double value is off.
        let mistakes = diagnosis.candidates()
        let (allPlans, allRequests) = (plans, requests)
        let jobs: [Mistake?] = [nil] + mistakes.map { $0 }
        let done = Parallel.map(jobs) { job -> Job in
            guard let mistake = job else {
                return .certified(
                    Result { () throws(ClaimError) in
                        try self.certify(
                            claims, plans: allPlans, requests: allRequests, scenario: scenario, doubles: doubles)
                    })
            }
            return .screened(diagnosis.outcome(of: mistake, pending: likely, claims: claims, base: scenario))
        }
        guard case .certified(let certified)? = done.first else { return [] }
        let outcomes = done.dropFirst().compactMap { job -> MistakeSearch.Outcome? in
            if case .screened(let outcome) = job { return outcome }
            return nil
        }
        let early = diagnosis.findings(pending: likely, mistakes: mistakes, outcomes: outcomes)
        var results = try certified.get()
        let pending = results.indices.filter { [.truncated, .lastDigit, .wrong].contains(results[$0].verdict) }
        let late = diagnosis.explain(claims, pending: pending.filter { !likely.contains($0) })
        for index in pending {
            guard let findings = early[index] ?? late[index] else { continue }
            for mistake in findings.explanations where !results[index].explanations.contains(mistake) {
                results[index].explanations.append(mistake)
            }
            if results[index].explanations.isEmpty { results[index].closest = findings.closest }
        }
        return results
    }

    /// Verdicts from enclosures at rising precision, settled in exact rationals or reported
    /// undecided where no precision up to the cap can tell.
    private func certify(_ claims: [Claim], plans: [Plan], requests: [Request], scenario: Scenario, doubles: [Double])
        throws(ClaimError) -> [ClaimResult]
    {
        var decided: [ClaimResult?] = Array(repeating: nil, count: claims.count)
        var lastBalls: [Ball] = []
        var lastPrecision = escalation.initial
        for precision in escalation.precisions {
            let balls: [Ball]
            do {
                balls = try ScenarioRun(
                    scenario: scenario, makeRegisters: { BallRegisters(count: $0, precision: precision) }
                ).evaluate(requests)
            } catch  where error.mayYieldToPrecision && precision < escalation.cap {
                continue
            } catch {
                let claim = claims.first { $0.quantity.step >= error.step } ?? claims[0]
                throw ClaimError(claim: claim, run: error)
            }
            lastBalls = balls
            lastPrecision = precision
            for (index, claim) in claims.enumerated() where decided[index] == nil {
                decided[index] = judge(claim, plan: plans[index], balls: balls, doubles: doubles, precision: precision)
            }
            if decided.allSatisfy({ $0 != nil }) { break }
        }
        return claims.indices.map { index in
            if let result = decided[index] { return result }
            let claim = claims[index]
            let fallback = exactFallback(
                claim, plan: plans[index], requests: requests, scenario: scenario, doubles: doubles)
            return fallback
                ?? undecided(
                    claim, ball: lastBalls[plans[index].main], double: doubles[plans[index].main],
                    precision: lastPrecision)
        }
    }

    /// The verdict from enclosures, or `nil` when they are too wide to decide it.
    private func judge(_ claim: Claim, plan: Plan, balls: [Ball], doubles: [Double], precision: Int) -> ClaimResult? {
        guard let literal = claim.literal else { return nil }
        let truth = Bounds(balls[plan.main])
        let carried = Bounds(balls[plan.carried])
        let double = doubles[plan.main]
        guard let verdict = Self.verdict(literal, truth: truth, carried: carried, double: double) else { return nil }
        let wanted = max(digits, literal.significantDigits + 3)
        guard let exact = balls[plan.main].formatted(significantDigits: wanted) else { return nil }
        var explanations: [Mistake] = []
        if verdict == .truncated || verdict == .lastDigit || verdict == .wrong {
            for (step, request) in plan.neighbours where Bounds(balls[request]).roundsTo(literal) == true {
                explanations.append(.offByOne(step: step))
            }
            if let negated = try? Ball(0, precision: precision) - balls[plan.main],
                Bounds(negated).roundsTo(literal) == true
            {
                explanations.append(.negated)
            }
            if carried.roundsTo(literal) == true { explanations.append(.carried) }
        }
        return ClaimResult(
            claim: claim, verdict: verdict, certifiedDigits: exact, double: double,
            doubleVerdict: Self.doubleVerdict(literal, double: double, carried: carried),
            explanations: explanations, closest: nil, method: .enclosure, precision: precision)
    }

    /// The first verdict of the format's table that holds, or `nil` while an earlier one is undecided.
    static func verdict(_ literal: DecimalLiteral, truth: Bounds, carried: Bounds, double: Double) -> Verdict? {
        let rules: [(Verdict, () -> Bool?)] = [
            (.exact, { truth.roundsTo(literal) }),
            (.truncated, { truth.truncatesTo(literal) }),
            (.lastDigit, { truth.isOneUnitOff(literal) }),
            (.carried, { carried.roundsTo(literal) }),
            (.floating, { truth.isFloatingNoise(literal, double: double) }),
        ]
        for (verdict, rule) in rules {
            switch rule() {
            case true?: return verdict
            case false?: continue
            case nil: return nil
            }
        }
        return .wrong
    }

    /// The verdict a reader who trusted the `Double` result would have given.
    static func doubleVerdict(_ literal: DecimalLiteral, double: Double, carried: Bounds) -> Verdict {
        guard let point = Rational(exactly: double) else { return .wrong }
        let truth = Bounds(exactly: point)
        if truth.roundsTo(literal) == true { return .exact }
        if truth.truncatesTo(literal) == true { return .truncated }
        if truth.isOneUnitOff(literal) == true { return .lastDigit }
        if carried.roundsTo(literal) == true { return .carried }
        return .wrong
    }

    /// For a value exactly on a rounding boundary: evaluate in exact rationals when the
    /// quantity needs no training and no transcendental function.
    private func exactFallback(_ claim: Claim, plan: Plan, requests: [Request], scenario: Scenario, doubles: [Double])
        -> ClaimResult?
    {
        guard let literal = claim.literal, claim.quantity.step == 0, requests[plan.carried].step == 0 else {
            return nil
        }
        let run = ScenarioRun(scenario: scenario, makeRegisters: RationalRegisters.init(count:))
        guard let values = try? run.evaluate([requests[plan.main], requests[plan.carried]]), values.count == 2 else {
            return nil
        }
        let truth = Bounds(exactly: values[0])
        let carried = Bounds(exactly: values[1])
        let double = doubles[plan.main]
        guard let verdict = Self.verdict(literal, truth: truth, carried: carried, double: double) else { return nil }
        return ClaimResult(
            claim: claim, verdict: verdict,
            certifiedDigits: values[0].formatted(significantDigits: max(digits, literal.significantDigits + 3)),
            double: double, doubleVerdict: Self.doubleVerdict(literal, double: double, carried: carried),
            explanations: carried.roundsTo(literal) == true && verdict != .exact && verdict != .carried
                ? [.carried] : [],
            closest: nil, method: .exactRationals, precision: nil)
    }

    private func undecided(_ claim: Claim, ball: Ball, double: Double, precision: Int) -> ClaimResult {
        ClaimResult(
            claim: claim, verdict: .undecided, certifiedDigits: ball.description, double: double, doubleVerdict: nil,
            explanations: [], closest: nil,
            method: .undecided(bits: precision), precision: precision)
    }
}
