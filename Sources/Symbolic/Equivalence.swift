import Exact

/// Whether two expressions are equal as functions of a model's givens.
///
/// First by canonical form (their difference simplifies to 0, directly or once every definition
/// is expanded into the givens); otherwise by certified evaluation at the givens and at random
/// rational points near them: disjoint enclosures prove them different, agreement everywhere
/// tried is taken as equality.
public struct Equivalence: Sendable {
    public enum Verdict: Sendable, Equatable {
        case equal, notEqual
    }

    public enum Method: Sendable, Equatable, CustomStringConvertible {
        case simplified
        case expanded
        /// Separated at a point: 0 is the givens themselves.
        case separated(point: Int)
        /// Agreed to `digits` digits at this many points.
        case agreed(points: Int, digits: Int)

        public var description: String {
            switch self {
            case .simplified: "canonical form: the two sides simplify to the same expression"
            case .expanded: "canonical form: the two sides expand to the same expression in the givens"
            case .separated(let point):
                "certified evaluation separates the two sides \(point == 0 ? "at the givens" : "at a random point near the givens")"
            case .agreed(let points, let digits):
                "certified evaluation agrees (to \(digits) digits) at the givens and \(points - 1) random nearby points"
            }
        }
    }

    public var verdict: Verdict
    public var method: Method
    /// The highest working precision the evaluation needed (`nil` when a canonical form decided).
    public var precision: Int?

    /// Random points tried besides the givens, each given moved by up to `spread`.
    public static let pointCount = 8
    public static let agreementDigits = 30

    /// Compares `left` and `right` (expressions in `model`'s names, derivatives expanded).
    public init(_ left: Expr, _ right: Expr, in model: Model, seed: UInt64, escalation: Escalation = .standard) {
        let difference = (left - right).distributingConstants()
        precision = nil
        if difference == 0 {
            verdict = .equal
            method = .simplified
            return
        }
        if model.expanded(difference).distributingConstants() == 0 {
            verdict = .equal
            method = .expanded
            return
        }
        var generator = SplitMix64(seed: seed)
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
        let tolerance = Rational.powerOfTen(-Self.agreementDigits)
        var needed = escalation.initial
        for (index, point) in points.enumerated() {
            let shifted = model.withGivens(point)
            let decision = escalation.decide { (bits: Int) -> Int? in
                guard
                    let ball = try? shifted.evaluate([difference], on: { BallRegisters(count: $0, precision: bits) })
                        .first
                else { return nil }
                if let sign = ball.sign, sign != 0 { return sign }
                return ball.radius < tolerance * (1 + ball.midpoint.magnitude) ? 0 : nil
            }
            guard case .decided(let sign, let bits) = decision else { continue }
            needed = max(needed, bits)
            if sign != 0 {
                verdict = .notEqual
                method = .separated(point: index)
                precision = needed
                return
            }
        }
        verdict = .equal
        method = .agreed(points: points.count, digits: Self.agreementDigits)
        precision = needed
    }
}

extension Expr {
    /// The expression with constant factors multiplied into sums (`-(a - b)` becomes `-a + b`),
    /// so that differences of equal formulas cancel term by term.
    public func distributingConstants() -> Expr {
        rewritten { node in
            guard case .product(let factors) = node.kind, factors.count == 2,
                let coefficient = factors[0].constantValue, case .sum(let terms) = factors[1].kind
            else { return nil }
            return .sum(terms.map { .constant(coefficient) * $0 })
        }
    }
}
