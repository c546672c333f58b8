import Exact
import Fixture
import Symbolic

/// Judges every claim of a fixture: the verdict from a certified enclosure of the true value,
/// the `Double` result beside it, and the mistakes that reproduce each discrepancy.
public struct FixtureChecker: Sendable {
    /// The precisions tried: raised until every verdict is decided, then "undecided" at the cap.
    public var escalation: Escalation
    /// Significant digits of the exact column (20 unless asked: the JSON report's `exact` has at
    /// least 20).
    public var digits: Int
    /// Hears how far the certified run's training has got (long checks: `E_total@1000000`).
    public var progress: (@Sendable (CheckProgress) -> Void)?

    public init(
        escalation: Escalation = .standard, digits: Int = 20, progress: (@Sendable (CheckProgress) -> Void)? = nil
    ) {
        self.escalation = escalation
        self.digits = max(digits, 1)
        self.progress = progress
    }

    /// Checks a fixture; an evaluation that fails is reported at its claim's or definition's line.
    /// Formula claims are judged on a thread of their own while the numeric claims are.
    public func check(_ fixture: Fixture) throws(FixtureError) -> FileReport {
        var results: [ClaimResult?] = Array(repeating: nil, count: fixture.claims.count)
        let numeric = fixture.claims.indices.filter { fixture.claims[$0].literal != nil }
        let formulaIndices = fixture.claims.indices.filter { fixture.claims[$0].literal == nil }
        let (formulas, judged) = Parallel.both {
            judgeFormulas(formulaIndices, in: fixture)
        } and: {
            Result { () throws(ClaimError) in try judgeNumeric(numeric.map { fixture.claims[$0] }, in: fixture) }
        }
        do {
            for (index, result) in zip(numeric, try judged.get()) { results[index] = result }
        } catch {
            throw FixtureError(diagnostics: [diagnostic(for: error, in: fixture)])
        }
        for (index, result) in zip(formulaIndices, try formulas.get()) { results[index] = result }
        return FileReport(file: fixture.file, results: results.compactMap { $0 })
    }

    /// The verdicts of the formula claims at `indices`, or the error of the first that cannot be evaluated.
    private func judgeFormulas(_ indices: [Int], in fixture: Fixture) -> Result<[ClaimResult], FixtureError> {
        guard !indices.isEmpty else { return .success([]) }
        let formulas = FormulaJudge(fixture: fixture, escalation: escalation)
        var sides: [FormulaJudge.Sides] = []
        for index in indices {
            let claim = fixture.claims[index]
            do {
                sides.append(try formulas.sides(of: claim))
            } catch {
                return .failure(
                    FixtureError(diagnostics: [
                        Diagnostic(
                            file: fixture.file, line: claim.line, column: 1,
                            message: "cannot evaluate the formula: \(error.message)")
                    ]))
            }
        }
        let doubles = formulas.doubles(of: sides)
        return .success(
            indices.indices.map { position in
                formulas.judge(fixture.claims[indices[position]], sides: sides[position], double: doubles[position])
            })
    }

    private func diagnostic(for failure: ClaimError, in fixture: Fixture) -> Diagnostic {
        let line = failure.run.definition.flatMap { fixture.lines[$0] } ?? failure.claim.line
        let place = failure.run.definition.map { " (in the definition of '\($0)')" } ?? ""
        return Diagnostic(
            file: fixture.file, line: line, column: 1,
            message: "cannot evaluate \(failure.claim.quantity)\(place): \(failure.run.message)")
    }

    /// What a check learns without enclosures: every request's `Double` and binary32 value, the
    /// claims `Double` does not get right, and what each mistake's screening made of them.
    private struct Screening: Sendable {
        var doubles: [Double] = []
        var floats: [Float] = []
        var likely: [Int] = []
        var mistakes: [Mistake] = []
        var outcomes: [MistakeSearch.Outcome] = []
    }

    /// Verdicts for the numeric claims, with the mistakes that explain the ones that are off.
    private func judgeNumeric(_ claims: [Claim], in fixture: Fixture) throws(ClaimError) -> [ClaimResult] {
        guard !claims.isEmpty else { return [] }
        let scenario: Scenario
        do { scenario = try Scenario(fixture: fixture) } catch {
            throw ClaimError(claim: claims[0], run: RunError(message: error.description, definition: nil, step: 0))
        }
        let (plans, requests) = try ClaimPlan.plans(for: claims, in: fixture, scenario: scenario)
        // Short runs try the double-double tier first. Over a long training its ~106 bits are too few
        // and would be computed in vain: re-centred 128-bit balls start there.
        let short = !LongTraining.includes(step: requests.map(\.step).max() ?? 0)
        let escalation = self.escalation.startingWithDoubleDouble(short)
        // A printed figure has a dozen digits at most: the first precision's enclosures decide whether
        // a mistake reproduces it (128 bits, where the Swift kernels run: faster than MPFR at 64).
        let search = MistakeSearch(
            fixture: fixture, escalation: Escalation(initial: 128, cap: escalation.cap, startsWithDoubleDouble: short))
        // The certified run (the longest job) starts at once on a thread of its own; Double, binary32
        // and the mistakes' screening share the cores with it.
        let (first, screening) = Parallel.both {
            CertifiedVerdicts.values(
                of: requests, in: scenario, precision: escalation.precisions.first ?? escalation.initial,
                progress: progress)
        } and: {
            screen(claims, plans: plans, requests: requests, scenario: scenario, search: search)
        }
        let certified = CertifiedVerdicts(
            claims: claims, plans: plans, requests: requests, scenario: scenario, doubles: screening.doubles,
            floats: screening.floats, escalation: escalation, digits: digits, progress: progress)
        var results = try certified.results(first: first)
        let truth = plans.map { screening.doubles[$0.main] }
        let early = search.findings(
            pending: screening.likely, mistakes: screening.mistakes, outcomes: screening.outcomes, claims: claims,
            truth: truth)
        let pending = results.indices.filter { [.truncated, .lastDigit, .wrong].contains(results[$0].verdict) }
        let late = search.explain(claims, pending: pending.filter { !screening.likely.contains($0) }, truth: truth)
        for index in pending {
            guard let findings = early[index] ?? late[index] else { continue }
            results[index].explanations = Self.deduplicated(results[index].explanations + findings.explanations)
            // A closest mistake helps only where the number is wrong: an exact, truncated or
            // last-digit number is already explained by its verdict.
            if results[index].explanations.isEmpty, results[index].verdict == .wrong {
                results[index].closest = findings.closest
            }
        }
        return results
    }

    /// Double first, then binary32 beside every mistake's screening of the claims whose Double value
    /// is not correctly rounded: the screening waits for Double's verdicts only, and binary32 is
    /// not read before the certified verdicts. After a long training, where Double is often far off
    /// and screening costs as much as certifying, a claim waits for a verdict that asks for an
    /// explanation.
    private func screen(
        _ claims: [Claim], plans: [ClaimPlan], requests: [Request], scenario: Scenario, search: MistakeSearch
    ) -> Screening {
        var screening = Screening()
        let double = ScenarioRun(scenario: scenario, makeRegisters: DoubleRegisters.init(count:))
        screening.doubles = double.evaluate(requests).map { (try? $0.get()) ?? .nan }
        screening.likely = claims.indices.filter { index in
            guard !LongTraining.includes(step: claims[index].quantity.step) else { return false }
            guard let literal = claims[index].literal,
                let point = Rational(exactly: screening.doubles[plans[index].main])
            else { return true }
            return Bounds(exactly: point).roundsTo(literal) != true
        }
        let likely = screening.likely
        let mistakes = likely.isEmpty ? [] : search.candidates()
        // The `float32` mistake is the correct scenario in binary32: its values are binary32's own.
        let trained = mistakes.filter { $0 != .float32 }
        let screened: [Mistake: MistakeSearch.Outcome]
        (screening.floats, screened) = Parallel.both {
            let float = ScenarioRun(scenario: scenario, makeRegisters: FloatRegisters.init(count:))
            return float.evaluate(requests).map { (try? $0.get()) ?? .nan }
        } and: {
            search.outcomes(of: trained, pending: likely, claims: claims, base: scenario)
        }
        let floats = plans.map { screening.floats[$0.main] }
        screening.outcomes = mistakes.map { mistake in
            screened[mistake]
                ?? search.binary32Outcome(floats: floats, pending: likely, claims: claims, base: scenario)
        }
        screening.mistakes = mistakes
        return screening
    }

    /// Each explanation once: a mistake found twice, or two that read the same (name and detail).
    static func deduplicated(_ mistakes: [Mistake]) -> [Mistake] {
        var seen: Set<String> = []
        return mistakes.filter { seen.insert($0.name + "\u{1}" + $0.detail).inserted }
    }
}
