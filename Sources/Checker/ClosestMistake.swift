import Exact

/// When a mistake that does not reproduce a claim is still worth naming as the closest one.
///
/// A closest mistake that cannot touch the quantity (the ½ of the loss for `out_h2`), or that lands
/// no nearer the printed number than the true value does, would send a reader looking for an
/// error that is not there; only a mistake that moves the value toward the printed number helps.
enum ClosestMistake {
    /// Relative change below which a mistake's `Double` value counts as the true value: what
    /// evaluating the same quantity in another order can change, not what a mistake does.
    static let noise = 1e-12

    /// Whether a mistake's value `value` moved the quantity away from `truth` and lies strictly
    /// nearer the printed number than `truth` does (compared exactly, as rationals).
    static func helps(_ value: Double, truth: Double, printed: DecimalLiteral) -> Bool {
        guard value.isFinite, truth.isFinite else { return false }
        let scale = max(abs(truth), abs(value), .leastNormalMagnitude)
        guard abs(value - truth) > noise * scale else { return false }
        guard let mistaken = Rational(exactly: value), let correct = Rational(exactly: truth) else { return false }
        return (mistaken - printed.value).magnitude < (correct - printed.value).magnitude
    }
}
