import Foundation

/// A proved bound on how much one gradient-descent step can stretch a distance.
///
/// A step `p ↦ p − K·∇…` has the Jacobian `I − K`, where `K` is the learning rate times the
/// loss's Hessian: symmetric, and known here only as an interval matrix `centre ± radius` that
/// holds it at every point of a box. The bound is on the spectral norm, `‖I − K‖₂ ≤ 1 + excess`
/// for every symmetric `K` in the interval matrix. Near a minimum `K` is positive semidefinite
/// and the excess is tiny, where a componentwise bound (what plain ball arithmetic pays every
/// step) exceeds 1 by the size of `K` itself.
///
/// The eigenvalues of `K` lie within `‖radius‖₂ ≤ ‖radius‖_F` of those of `centre`. The largest
/// is bounded by Gershgorin's discs. The least is bounded below by a Cholesky factorisation of
/// `centre + δI` in binary64: when it runs to completion with factor `R`, then
/// `RᵀR = centre + δI + ΔA` with `|ΔA| ≤ γₙ₊₁·|Rᵀ|·|R|` (Higham, *Accuracy and Stability of
/// Numerical Algorithms*, Theorem 10.3), so `λ_min(centre) ≥ −δ − γₙ₊₁·‖R‖_F²`.
public struct ContractionBound: Sendable, Hashable {
    /// `‖I − K‖₂ ≤ 1 + excess` for every `K` in the interval matrix.
    public let excess: Double

    /// The bound for the symmetric interval matrix `centre ± radius` (both n × n, the radii
    /// nonnegative), or `nil` when binary64 cannot give one (non-finite or tiny entries).
    public init?(centre: [[Double]], radius: [[Double]]) {
        let n = centre.count
        guard n > 0, radius.count == n, centre.allSatisfy({ $0.count == n }), radius.allSatisfy({ $0.count == n })
        else { return nil }
        var centre = centre
        var radius = radius
        // Entries this small would underflow in the bounds below: a tiny centre moves into the
        // radius, and a tiny radius rounds up.
        for i in 0..<n {
            for j in 0..<n {
                guard centre[i][j].isFinite, radius[i][j].isFinite else { return nil }
                if centre[i][j] != 0, Swift.abs(centre[i][j]) < Self.tiny {
                    radius[i][j] += Swift.abs(centre[i][j])
                    centre[i][j] = 0
                }
                if radius[i][j] != 0, radius[i][j] < Self.tiny { radius[i][j] = Self.tiny }
            }
        }
        guard let spread = Self.frobeniusUpperBound(radius), let lowest = Self.leastEigenvalueLowerBound(centre),
            let highest = Self.greatestEigenvalueUpperBound(centre)
        else { return nil }
        // ‖I − K‖₂ = max(1 − λ_min(K), λ_max(K) − 1).
        let belowOne = (Swift.max(-lowest, 0) + spread).roundedUpPastRounding
        let aboveTwo = (highest + spread).roundedUpPastRounding - 2
        excess = Swift.max(belowOne, aboveTwo.nextUp, 0)
    }

    /// Below this, binary64 products could underflow.
    private static let tiny = 0x1p-900

    /// An upper bound on how much `steps` steps can stretch a distance: `(1 + excess)^steps`.
    public func growth(over steps: Int) -> Double {
        // (1 + x)^n ≤ e^(n·x); libm's exp is within an ulp or two, covered by the factor.
        (Foundation.exp((excess * Double(steps)).roundedUpPastRounding) * (1 + 0x1p-40)).roundedUpPastRounding
    }

    /// `γₖ = k·u / (1 − k·u)`, u = 2⁻⁵³, rounded up.
    private static func gamma(_ k: Int) -> Double {
        let ku = Double(k) * 0x1p-53
        return (ku / (1 - ku)).roundedUpPastRounding
    }

    /// An upper bound on the Frobenius norm (which bounds the spectral norm).
    private static func frobeniusUpperBound(_ matrix: [[Double]]) -> Double? {
        var sum = 0.0
        for row in matrix {
            for value in row { sum += value * value }
        }
        let count = Double(matrix.count * matrix.count)
        let bound = (sum.squareRoot() * (1 + 2 * count * 0x1p-53)).roundedUpPastRounding
        return bound.isFinite ? bound : nil
    }

    /// Gershgorin: every eigenvalue is at most the largest `a_ii + Σ_{j≠i} |a_ij|`.
    private static func greatestEigenvalueUpperBound(_ matrix: [[Double]]) -> Double? {
        var bound = -Double.infinity
        let n = matrix.count
        for (i, row) in matrix.enumerated() {
            var sum = 0.0
            for (j, value) in row.enumerated() where j != i { sum += Swift.abs(value) }
            let slack = (Swift.abs(row[i]) + sum) * Double(n + 1) * 0x1p-52 + 0x1p-1070
            bound = Swift.max(bound, row[i] + sum + slack)
        }
        return bound.isFinite ? bound : nil
    }

    /// A lower bound on the least eigenvalue: the least shift `δ` under which Cholesky runs to
    /// completion (found by growing a tiny shift fourfold, then bisecting to within 1%), less the
    /// factorisation's own error.
    private static func leastEigenvalueLowerBound(_ matrix: [[Double]]) -> Double? {
        let n = matrix.count
        let scale = matrix.indices.map { Swift.abs(matrix[$0][$0]) }.reduce(0, +) + 0x1p-1000
        var failed = 0.0
        var shift = 0.0
        var found: Double?
        for _ in 0..<40 {
            if let squares = choleskySquares(matrix, shift: shift) {
                found = squares
                break
            }
            failed = shift
            shift = shift == 0 ? scale * 0x1p-48 : shift * 4
        }
        guard var squares = found else { return nil }
        while shift - failed > shift * 0x1p-7 {
            let middle = failed + (shift - failed) / 2
            if let middleSquares = choleskySquares(matrix, shift: middle) {
                (shift, squares) = (middle, middleSquares)
            } else {
                failed = middle
            }
        }
        let factorisation = gamma(n + 1) * (squares * (1 + Double(n * n) * 0x1p-52)).roundedUpPastRounding
        return -(shift + factorisation).roundedUpPastRounding
    }

    /// Runs Cholesky on `matrix + shift·I` (the diagonal rounded down, so the matrix factored lies
    /// below the shifted one) and returns `Σ r_ij²` of its factor, or `nil` when a pivot is not positive.
    private static func choleskySquares(_ matrix: [[Double]], shift: Double) -> Double? {
        let n = matrix.count
        var a = matrix
        for i in 0..<n { a[i][i] = (matrix[i][i] + shift).nextDown }
        var squares = 0.0
        for j in 0..<n {
            var pivot = a[j][j]
            for k in 0..<j { pivot -= a[k][j] * a[k][j] }
            guard pivot > 0 else { return nil }
            let diagonal = pivot.squareRoot()
            a[j][j] = diagonal
            squares += pivot
            for i in (j + 1)..<n {
                var value = a[j][i]
                for k in 0..<j { value -= a[k][j] * a[k][i] }
                a[j][i] = value / diagonal
                squares += a[j][i] * a[j][i]
            }
        }
        return squares.isFinite ? squares : nil
    }
}
