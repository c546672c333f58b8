import Exact

/// The two sides of a formula compared at one point (a model whose givens are that point):
/// certified enclosures of both sides and of their difference, at rising precision.
struct PointComparison {
    let left: Expr
    let right: Expr
    let model: Model

    enum Result: Equatable {
        /// The difference is certainly not 0.
        case separated
        /// The difference contains 0 and is this many digits narrow relative to the sides (`nil`:
        /// it is exactly 0, or a canonical form already says so).
        case agreed(digits: Int?)
        /// A side has no value here.
        case unevaluable(String)
        /// Neither, even at the cap.
        case inconclusive
    }

    /// The result and the precision that settled it. With `needsAgreement` false (a canonical form
    /// already says equal) only the sides' definedness and a separation are looked for.
    func outcome(escalation: Escalation, needsAgreement: Bool) -> (result: Result, precision: Int) {
        var result = Result.inconclusive
        var precision = escalation.initial
        let decision = escalation.decide { (bits: Int) -> Result? in
            precision = bits
            do throws(EvaluationError) {
                let values = try model.evaluate([left, right, left - right]) {
                    RationalBallRegisters(count: $0, precision: bits)
                }
                result = judge(values, bits: bits, atCap: bits >= escalation.cap, needsAgreement: needsAgreement)
            } catch {
                let reason = error.description
                result = .unevaluable(reason)
                return error.mayYieldToPrecision && bits < escalation.cap ? nil : result
            }
            return result == .inconclusive ? nil : result
        }
        return (decision.answer ?? result, precision)
    }

    /// What one precision's values of left, right and left − right say.
    private func judge(_ values: [RationalBall], bits: Int, atCap: Bool, needsAgreement: Bool) -> Result {
        guard values.count == 3 else { return .inconclusive }
        let difference = values[2]
        if let exact = difference.exact { return exact.signum == 0 ? .agreed(digits: nil) : .separated }
        if let sign = difference.ball.sign, sign != 0 { return .separated }
        guard needsAgreement else { return .agreed(digits: nil) }
        guard atCap else { return .inconclusive }
        let size = max(values[0].ball.midpoint.magnitude, values[1].ball.midpoint.magnitude)
        let radius = difference.ball.radius + difference.ball.midpoint.magnitude
        if radius.signum == 0 { return .agreed(digits: nil) }
        guard size.signum > 0, radius < size.timesPowerOfTwo(-Equivalence.agreementBits) else { return .inconclusive }
        return .agreed(digits: ((size / radius).decimalExponent ?? 0))
    }
}
