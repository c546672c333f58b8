import Exact

/// Whether two expressions are equal as functions of a model's givens (the format's version-2
/// rule for formula claims).
///
/// `equal` needs the same canonical form (the difference simplifies to 0, directly or once every
/// definition is expanded into the givens), or, at the givens and at seeded random rational points
/// near them, an enclosure of `left − right` that contains 0 at the precision cap while narrower
/// than 2^−2000 relative to the sides: evidence, reported as such. `not-equal` needs a certified
/// separation at one point. A side that cannot be evaluated at a point makes the claim
/// `undecided`, with the reason, never `equal`.
public struct Equivalence: Sendable {
    public enum Verdict: Sendable, Equatable {
        case equal
        case notEqual
        /// Neither proved nor disproved; the reason says why.
        case undecided(String)
    }

    public enum Method: Sendable, Equatable, CustomStringConvertible {
        case simplified
        case expanded
        /// Separated at a point: 0 is the givens themselves.
        case separated(point: Int)
        /// The enclosures of the difference contained 0 at every point, `digits` digits narrow
        /// relative to the sides (`nil`: the difference was exactly 0 at every point).
        case numeric(points: Int, digits: Int?)
        /// A side has no value at a point (0: the givens).
        case unevaluable(point: Int, reason: String)
        /// Neither separated nor narrow enough at a point, even at the cap.
        case inconclusive(point: Int)
        /// Judged at the givens only (the givens' values written into a side): the two sides
        /// agree there, `digits` narrow (`nil`: exactly).
        case atGivens(digits: Int?)

        public var description: String {
            switch self {
            case .simplified: "canonical form: the two sides simplify to the same expression"
            case .expanded: "canonical form: the two sides expand to the same expression in the givens"
            case .separated(let point):
                "certified evaluation separates the two sides \(Self.place(point))"
            case .numeric(let points, let digits):
                "numeric: the two sides agree \(digits.map { "to \($0) digits" } ?? "exactly") at the givens and "
                    + "\(points - 1) random nearby points (evidence, not proof)"
            case .unevaluable(let point, let reason):
                "a side cannot be evaluated \(Self.place(point)): \(reason)"
            case .inconclusive(let point):
                "certified evaluation can neither separate the two sides nor confirm them \(Self.place(point))"
            case .atGivens(let digits):
                "at-givens: the two sides agree \(digits.map { "to \($0) digits" } ?? "exactly") at the givens "
                    + "(the givens' values written in; not an identity)"
            }
        }

        private static func place(_ point: Int) -> String {
            point == 0 ? "at the givens" : "at a random point near the givens"
        }
    }

    public var verdict: Verdict
    public var method: Method
    /// The highest working precision the evaluation needed (`nil` when a canonical form decided).
    public var precision: Int?

    /// Random points tried besides the givens.
    public static let pointCount = 8
    /// How far each given moves at a random point, at most: 10%.
    public static let spread = Rational(1) / Rational(10)
    /// How narrow, relative to the sides, the difference's enclosure must be at the cap: 2^−2000.
    public static let agreementBits = 2000

    /// Compares `left` and `right` (expressions in `model`'s names, derivatives expanded); with
    /// `atGivensOnly`, as values at the givens rather than as functions of them.
    public init(
        _ left: Expr, _ right: Expr, in model: Model, seed: UInt64, escalation: Escalation = .standard,
        atGivensOnly: Bool = false
    ) {
        if atGivensOnly {
            self.init(atGivens: left, right, in: model, escalation: escalation)
            return
        }
        let difference = (left - right).distributingConstants()
        let expanded = model.expanded(difference).writingLogisticsOut().distributingConstants()
        let canonical: Method? =
            difference.isZeroWhereDefined ? .simplified : expanded.isZeroWhereDefined ? .expanded : nil
        // Equal canonical forms need no evaluation when no operation of either side, definitions
        // expanded, may be undefined (simplification keeps every such operation, even cancelled).
        if let canonical, !expanded.mayBeUndefined {
            self.init(verdict: .equal, method: canonical, precision: nil)
            return
        }
        var needed: Int?
        var digits: Int?
        for (index, point) in Self.points(of: model, seed: seed).enumerated() {
            let outcome = PointComparison(left: left, right: right, model: model.withGivens(point))
                .outcome(escalation: escalation, needsAgreement: canonical == nil)
            needed = max(needed ?? 0, outcome.precision)
            switch outcome.result {
            case .separated:
                self.init(verdict: .notEqual, method: .separated(point: index), precision: needed)
                return
            case .unevaluable(let reason):
                self.init(
                    verdict: .undecided(reason), method: .unevaluable(point: index, reason: reason), precision: needed)
                return
            case .inconclusive:
                let method = Method.inconclusive(point: index)
                self.init(verdict: .undecided(method.description), method: method, precision: needed)
                return
            case .agreed(let agreed):
                if let agreed { digits = min(digits ?? agreed, agreed) }
            }
        }
        if let canonical {
            self.init(verdict: .equal, method: canonical, precision: nil)
        } else {
            self.init(verdict: .equal, method: .numeric(points: Self.pointCount + 1, digits: digits), precision: needed)
        }
    }

    /// The two sides as numbers at the givens: equal when their difference's enclosure contains 0
    /// and is narrow (or is exactly 0), not-equal when separated.
    private init(atGivens left: Expr, _ right: Expr, in model: Model, escalation: Escalation) {
        let outcome = PointComparison(left: left, right: right, model: model)
            .outcome(escalation: escalation, needsAgreement: true)
        switch outcome.result {
        case .separated:
            self.init(verdict: .notEqual, method: .separated(point: 0), precision: outcome.precision)
        case .agreed(let digits):
            self.init(verdict: .equal, method: .atGivens(digits: digits), precision: outcome.precision)
        case .unevaluable(let reason):
            self.init(verdict: .undecided(reason), method: .unevaluable(point: 0, reason: reason), precision: nil)
        case .inconclusive:
            let method = Method.inconclusive(point: 0)
            self.init(verdict: .undecided(method.description), method: method, precision: outcome.precision)
        }
    }

    private init(verdict: Verdict, method: Method, precision: Int?) {
        self.verdict = verdict
        self.method = method
        self.precision = precision
    }

    /// The givens (an empty change) and `pointCount` seeded random points near them.
    static func points(of model: Model, seed: UInt64) -> [[String: Rational]] {
        var generator = SplitMix64(seed: seed)
        var points: [[String: Rational]] = [[:]]
        for _ in 0..<Self.pointCount {
            var point: [String: Rational] = [:]
            for name in model.givenNames {
                guard let value = model.givens[name] else { continue }
                let shift = Rational(Int(generator.next() % 201) - 100) / Rational(100) * spread
                point[name] = value * (1 + shift)
            }
            points.append(point)
        }
        return points
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

    /// Every `logistic(u)` written out as its definition, `1/(1 + exp(−u))`, so that a formula that
    /// spells the logistic out has the model's canonical form. Nothing that may be undefined is
    /// removed: the division this adds is one more operation the points then evaluate.
    func writingLogisticsOut() -> Expr {
        rewritten { node in
            guard case .function(.logistic, let argument) = node.kind else { return nil }
            return 1 / (1 + .apply(.exp, -argument))
        }
    }

    /// Whether the expression is 0 wherever it has a value: 0 itself, or only terms that cancelled
    /// to `0·u` and were kept because `u` may be undefined.
    var isZeroWhereDefined: Bool {
        switch kind {
        case .constant(let value): value.signum == 0
        case .product(let factors): factors.first?.constantValue?.signum == 0
        case .sum(let terms): terms.allSatisfy(\.isZeroWhereDefined)
        default: false
        }
    }
}
