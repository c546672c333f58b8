import Exact
import Foundation
import Testing

/// `ContractionBound` on matrices whose eigenvalues are known exactly: `A = H·D·H` with the
/// Householder reflection `H = I − ½·vvᵀ`, v = (1, 1, 1, 1, 0, …), so `H` is symmetric and
/// orthogonal with entries 0, ±½ and 1, and `A`'s eigenvalues are exactly D's dyadic diagonal.
/// Every entry of A is a short dyadic fraction, computed exactly in binary64.
@Suite("Contraction bound")
struct ContractionBoundTests {
    static func householder(_ n: Int) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { j in (i == j ? 1 : 0) - (i < 4 && j < 4 ? 0.5 : 0) } }
    }

    /// `H·diag(d)·H`, exactly (each entry a sum of at most four dyadic products).
    static func matrix(eigenvalues d: [Double]) -> [[Double]] {
        let h = householder(d.count)
        return d.indices.map { i in d.indices.map { j in d.indices.reduce(0) { $0 + h[i][$1] * d[$1] * h[$1][j] } } }
    }

    static func zeros(_ n: Int) -> [[Double]] { Array(repeating: Array(repeating: 0, count: n), count: n) }

    /// ‖I − A‖₂ = max |1 − d_k| for the symmetric A with eigenvalues d.
    static func norm(_ d: [Double]) -> Double { d.map { abs(1 - $0) }.max() ?? 0 }

    /// Positive semidefinite with zeros; one negative eigenvalue; one above 2; all positive.
    static let spectra: [[Double]] = [
        [0x3p-10, 0x1p-10, 0, 0, 0x5p-8, 0x1p-6, 0, 0x1p-3],
        [-0x3p-10, 0x1p-10, 0, 0x1p-1, 0x5p-8, 0x1p-6, 0, 0x1p-3],
        [0x9p-2, 0x1p-10, 0, 0, 0x5p-8, 0x1p-6, 0, 0x1p-3],
        [0x1p-12, 0x1p-12, 0x1p-12, 0x1p-12, 1, 0x3p-1, 0x1p-2, 0x1p-3],
    ]

    @Test(arguments: spectra)
    func boundsTheNormTightly(eigenvalues: [Double]) throws {
        let a = Self.matrix(eigenvalues: eigenvalues)
        let bound = try #require(ContractionBound(centre: a, radius: Self.zeros(a.count)))
        let truth = Self.norm(eigenvalues)
        #expect(1 + bound.excess >= truth, "sound")
        // The shift that makes Cholesky succeed is found to within 1%.
        #expect(bound.excess <= max(truth - 1, 0) * 1.01 + 1e-12, "tight: only the factorisation's error is added")
    }

    @Test func anIntervalMatrixCoversEveryMatrixInIt() throws {
        let eigenvalues = Self.spectra[0]
        let a = Self.matrix(eigenvalues: eigenvalues)
        let r = 0x1p-20
        let radius = Array(repeating: Array(repeating: r, count: a.count), count: a.count)
        let bound = try #require(ContractionBound(centre: a, radius: radius))
        // A − r·I lies in the interval matrix and has the eigenvalue −r: ‖I − (A − rI)‖₂ = 1 + r.
        #expect(bound.excess >= r)
        #expect(bound.excess <= Double(a.count) * r * (1 + 1e-9) + 1e-12, "the Frobenius norm of the radii, no more")
    }

    @Test func growthCoversTheProductOfSteps() throws {
        let a = Self.matrix(eigenvalues: [-0x1p-9, 0, 0, 0, 0x1p-3, 0, 0, 0])
        let bound = try #require(ContractionBound(centre: a, radius: Self.zeros(a.count)))
        for steps in [1, 10, 1000] {
            #expect(bound.growth(over: steps) >= pow(1 + 1.0 / 512, Double(steps)))
        }
        #expect(bound.growth(over: 1000) <= pow(1 + 1.01 / 512, 1000) * (1 + 1e-9))
    }

    @Test func refusesWhatBinary64CannotBound() {
        var a = Self.matrix(eigenvalues: [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(ContractionBound(centre: a, radius: Self.zeros(8)) != nil)
        a[2][3] = .nan
        #expect(ContractionBound(centre: a, radius: Self.zeros(8)) == nil)
        #expect(ContractionBound(centre: [], radius: []) == nil)
        #expect(ContractionBound(centre: [[1, 0]], radius: [[0, 0]]) == nil, "not square")
    }
}
