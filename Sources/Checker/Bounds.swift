import Exact

/// Closed bounds [lower, upper] known to contain a true value, with the rules that decide a
/// printed number's verdict from them. Each rule answers `true`, `false`, or `nil` when the
/// bounds are too wide to tell (the caller then raises the precision).
struct Bounds {
    var lower: Rational
    var upper: Rational

    init(_ ball: Ball) {
        lower = ball.lower
        upper = ball.upper
    }

    /// The exact value where it is known, else the ball.
    init(_ value: RationalBall) {
        lower = value.lower
        upper = value.upper
    }

    init(exactly value: Rational) {
        lower = value
        upper = value
    }

    /// The bounds of the opposite value.
    var negated: Bounds { Bounds(lower: -upper, upper: -lower) }

    /// Every point in [a, b]: true; no point: false; some: nil.
    private func within(_ a: Rational, _ b: Rational) -> Bool? {
        if a <= lower && upper <= b { return true }
        if upper < a || lower > b { return false }
        return nil
    }

    /// The printed number is a correct rounding of the value (a tie may go either way).
    func roundsTo(_ literal: DecimalLiteral) -> Bool? {
        guard let unit = literal.unit else { return within(literal.value, literal.value) }
        let half = unit * Rational.half
        return within(literal.value - half, literal.value + half)
    }

    /// The printed number is the value cut toward zero at its last place.
    func truncatesTo(_ literal: DecimalLiteral) -> Bool? {
        guard let unit = literal.unit else { return false }
        if lower.signum >= 0 {
            if literal.value <= lower && upper < literal.value + unit { return true }
            if upper < literal.value || lower >= literal.value + unit { return false }
            return nil
        }
        if upper.signum <= 0 {
            if literal.value - unit < lower && upper <= literal.value { return true }
            if upper <= literal.value - unit || lower > literal.value { return false }
            return nil
        }
        return nil
    }

    /// The printed number is one unit in its last place away from a correct rounding.
    func isOneUnitOff(_ literal: DecimalLiteral) -> Bool? {
        guard let unit = literal.unit else { return false }
        let above = Bounds(lower: lower - unit, upper: upper - unit).roundsTo(literal)
        let below = Bounds(lower: lower + unit, upper: upper + unit).roundsTo(literal)
        if above == true || below == true { return true }
        if above == false && below == false { return false }
        return nil
    }

    /// The format's `floating`: 15+ significant digits, within 4·max(|Double − true|, ulp(true)).
    func isFloatingNoise(_ literal: DecimalLiteral, double: Double) -> Bool? {
        guard let point = Rational(exactly: double), let ulp = Rational(exactly: double.ulp) else { return false }
        return isFloatingNoise(literal, computed: point, ulp: ulp, digits: 15)
    }

    /// The same for binary32 (fixture format, version 2): 7+ significant digits, within
    /// 4·max(|Float32 − true|, ulp32(true)), and a binary32 print: the binary32 number nearest the
    /// printed one, shown to the printed digits, is the printed number (a 9-digit decimal is that
    /// only about one time in thirty, so a wrong number is not taken for float noise by accident).
    func isFloatingNoise(_ literal: DecimalLiteral, float: Float) -> Bool? {
        guard let point = Rational(exactly: Double(float)), let ulp = Rational(exactly: Double(float.ulp)),
            let place = literal.lastPlace, let nearest = Rational(exactly: Double(literal.value.floatValue)),
            nearest.rounded(toPlace: place) == literal.value
        else { return false }
        return isFloatingNoise(literal, computed: point, ulp: ulp, digits: 7)
    }

    /// Whether the printed number lies within 4·max(|computed − true|, ulp) of the true value.
    private func isFloatingNoise(_ literal: DecimalLiteral, computed point: Rational, ulp: Rational, digits: Int)
        -> Bool?
    {
        guard literal.significantDigits >= digits else { return false }
        let distances = [(point - lower).magnitude, (point - upper).magnitude]
        let spansPoint = lower <= point && point <= upper
        let nearest = spansPoint ? Rational(0) : distances.min() ?? 0
        let farthest = distances.max() ?? 0
        let toPrinted = [(literal.value - lower).magnitude, (literal.value - upper).magnitude]
        let printedInside = lower <= literal.value && literal.value <= upper
        let closest = printedInside ? Rational(0) : toPrinted.min() ?? 0
        let furthest = toPrinted.max() ?? 0
        let smallest = 4 * max(nearest, ulp)
        let largest = 4 * max(farthest, ulp)
        if furthest <= smallest { return true }
        if closest > largest { return false }
        return nil
    }

    private init(lower: Rational, upper: Rational) {
        self.lower = lower
        self.upper = upper
    }
}
