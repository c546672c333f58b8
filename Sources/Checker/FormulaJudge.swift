import Exact
import Symbolic

/// Decides a formula claim: `equal` when a canonical form shows the two sides identical or a
/// certified evaluation agrees at the givens and at random nearby rational points, `not-equal`
/// when a certified evaluation separates them at one such point.
struct FormulaJudge {
    let fixture: Fixture
    let escalation: Escalation
    /// Random points tried besides the givens.
    static let pointCount = 8

    struct Failure: Error { var message: String }

    func judge(_ claim: Claim) throws(Failure) -> ClaimResult {
        guard case .formula(let formula) = claim.kind else { throw Failure(message: "not a formula claim") }
        let model = fixture.model
        let left: Expr, right: Expr
        do {
            left = try leftSide(of: claim)
            right = try model.resolving(formula)
        } catch {
            throw Failure(message: error.description)
        }
        let difference = left - right
        func result(_ verdict: Verdict, _ method: String, precision: Int = 0, double: Double? = nil) -> ClaimResult {
            ClaimResult(claim: claim, verdict: verdict, exact: nil, double: double, doubleVerdict: nil, explanations: [],
                        closest: nil, method: method, precision: precision)
        }
        if difference == 0 { return result(.equal, "canonical form: the two sides simplify to the same expression") }
        let expanded = model.expanded(difference)
        if expanded == 0 { return result(.equal, "canonical form: the two sides expand to the same expression in the givens") }
        var generator = SplitMix64(seed: UInt64(claim.line))
        var points: [[String: Rational]] = [[:]]
        for _ in 0..<Self.pointCount {
            var point: [String: Rational] = [:]
            for name in model.givenNames {
                guard let value = model.givens[name] else { continue }
                let shift = Rational(Int(generator.next() % 201) - 100) / Rational(1000)
                point[name] = value * (1 + shift)
            }
            points.append(point)
        }
        let double = (try? model.evaluate([difference], on: DoubleRegisters.init(count:)))?.first
        var precision = escalation.initial
        for (number, point) in points.enumerated() {
            let shifted = model.withGivens(point)
            let decision = escalation.decide { (bits: Int) -> Int? in
                guard let ball = try? shifted.evaluate([difference], on: { BallRegisters(count: $0, precision: bits) }).first else { return nil }
                if let sign = ball.sign, sign != 0 { return sign }
                return ball.radius < Rational.powerOfTen(-30) * (1 + ball.midpoint.magnitude) ? 0 : nil
            }
            guard case .decided(let sign, let bits) = decision else { continue }
            precision = max(precision, bits)
            if sign != 0 {
                let place = number == 0 ? "at the givens" : "at a random point near the givens"
                return result(.notEqual, "certified evaluation separates the two sides \(place)", precision: precision, double: double)
            }
        }
        return result(.equal, "certified evaluation agrees (to 30 digits) at the givens and \(Self.pointCount) random nearby points",
                      precision: precision, double: double)
    }

    /// The claimed quantity as a formula in the givens' names; `p+` is the update rule.
    private func leftSide(of claim: Claim) throws(ModelError) -> Expr {
        let scenario = try Scenario(fixture: fixture)
        if claim.quantity.notation == .plus, case .name(let parameter) = claim.quantity.target,
           let loss = fixture.training?.loss {
            return .name(parameter) - scenario.rate * (try scenario.derivative(of: loss, by: parameter))
        }
        return try scenario.expression(for: claim.quantity.target)
    }
}

/// A small deterministic generator (SplitMix64), so random test points repeat from run to run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
