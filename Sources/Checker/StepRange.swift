import Exact
import Symbolic

/// Closed bounds on what an expression can be when some of its operands stand for every value
/// they could have been rounded from: plain interval arithmetic, exact for `+ − × ÷` and integer
/// powers, and outward-rounded balls at each end for the elementary functions (all of which are
/// nondecreasing). Used to tell a step `consistent`: within what its operands' rounding allows.
struct StepRange {
    var lower: Rational
    var upper: Rational

    /// The bounds of `expression` with each name standing for its interval; `nil` when some
    /// operation has no value on the intervals (a divisor interval holding 0, `log` of a
    /// nonpositive value) or an unknown name is met. Iterative over the DAG: no recursion.
    static func of(_ expression: Expr, intervals: [String: StepRange], precision: Int) -> StepRange? {
        var memo: [Expr: StepRange] = [:]
        var failed = false
        expression.forEachNode { node in
            guard !failed else { return }
            let parts = node.children.compactMap { memo[$0] }
            guard parts.count == node.children.count, let range = combine(node, parts, intervals, precision) else {
                failed = true
                return
            }
            memo[node] = range
        }
        return failed ? nil : memo[expression]
    }

    private static func combine(_ node: Expr, _ parts: [StepRange], _ intervals: [String: StepRange], _ precision: Int)
        -> StepRange?
    {
        switch node.kind {
        case .constant(let value): return StepRange(lower: value, upper: value)
        case .name(let name): return intervals[name]
        case .derivative: return nil
        case .sum:
            return parts.dropFirst().reduce(parts.first) { total, part in
                total.map { StepRange(lower: $0.lower + part.lower, upper: $0.upper + part.upper) }
            } ?? nil
        case .product:
            return parts.dropFirst().reduce(parts.first) { total, part in total.map { $0.times(part) } } ?? nil
        case .power(_, let exponent): return parts.first?.power(exponent)
        case .function(let function, _): return parts.first?.applying(function, precision: precision)
        }
    }

    private func times(_ other: StepRange) -> StepRange {
        let products = [lower * other.lower, lower * other.upper, upper * other.lower, upper * other.upper]
        return StepRange(lower: products.min() ?? lower, upper: products.max() ?? upper)
    }

    private func power(_ exponent: Int) -> StepRange? {
        if exponent < 0 {
            guard lower.signum > 0 || upper.signum < 0, let positive = power(-exponent) else { return nil }
            return StepRange(lower: 1 / positive.upper, upper: 1 / positive.lower)
        }
        guard let low = lower.power(exponent), let high = upper.power(exponent) else { return nil }
        if exponent % 2 == 1 || lower.signum >= 0 { return StepRange(lower: low, upper: high) }
        if upper.signum <= 0 { return StepRange(lower: high, upper: low) }
        return StepRange(lower: 0, upper: max(low, high))
    }

    private func applying(_ function: ElementaryFunction, precision: Int) -> StepRange? {
        do {
            let low = try Ball(lower, precision: precision).applying(function)
            let high = try Ball(upper, precision: precision).applying(function)
            return StepRange(lower: low.lower, upper: high.upper)
        } catch {
            return nil
        }
    }

    /// Whether some value in the bounds rounds to `literal` at its printed precision.
    func reaches(_ literal: DecimalLiteral) -> Bool {
        guard let unit = literal.unit else { return lower <= literal.value && literal.value <= upper }
        let half = unit * Rational.half
        return !(upper < literal.value - half || lower > literal.value + half)
    }
}
