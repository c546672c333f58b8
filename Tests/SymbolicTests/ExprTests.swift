import Exact
import Testing

@testable import Symbolic

private let x = Expr.name("x")
private let y = Expr.name("y")
private let a = Expr.name("a")
private let b = Expr.name("b")
private let c = Expr.name("c")
private func q(_ text: String) -> Rational { Rational(text)! }

@Suite("Expr")
struct ExprTests {
    // MARK: simplification while building

    @Test func constantsFold() {
        #expect(Expr(2) + Expr(3) == 5)
        #expect(Expr(2) * Expr(3) == 6)
        #expect(Expr(1) / Expr(3) == .constant(q("1/3")))
        #expect(Expr(2).power(-2) == .constant(q("1/4")))
        #expect(Expr(2) - Expr(5) == -3)
        #expect(Expr.sum([1, x, 2, -3]) == x)
        #expect(Expr.product([2, x, 3]) == 6 * x)
        #expect((6 * x).constantValue == nil)
        #expect(Expr(7).constantValue == 7)
    }

    @Test func zeroAndOneVanish() {
        #expect(x * 0 == 0)
        #expect(0 * x == 0)
        #expect(x + 0 == x)
        #expect(0 + x == x)
        #expect(1 * x == x)
        #expect(x * 1 == x)
        #expect(x / 1 == x)
        #expect(x.power(1) == x)
        #expect(x.power(0) == 1)
        #expect(x - x == 0)
        #expect(Expr.apply(.exp, x) / Expr.apply(.exp, x) == 1, "exp(x) is never 0: the division cancels")
        #expect(Expr.sum([]) == 0)
        #expect(Expr.product([]) == 1)
    }

    @Test func likeTermsMerge() {
        #expect(x + x == 2 * x)
        #expect((x + x).kind == .product([2, x]))
        #expect(2 * x + 3 * x == 5 * x)
        #expect(x + y - x == y)
        #expect(a * b + 2 * (a * b) == 3 * (a * b))
        #expect(x + y + x == Expr.sum([2 * x, y]))
    }

    @Test func likeFactorsMerge() {
        #expect(x * x == x.power(2))
        #expect((x * x).kind == .power(x, 2))
        #expect(x * x.power(2) == x.power(3))
        #expect(x.power(2) / x == Expr.product([x.power(2), x.power(-1)]), "x may be 0: the division stays")
        #expect(x * y * x == Expr.product([x.power(2), y]))
        #expect(x.power(2).power(3) == x.power(6))
        #expect(x.power(-1).power(-1).kind == .power(x.power(-1), -1), "1/(1/x) is undefined at x = 0")
        #expect((x.power(2)).power(3).kind == .power(x, 6))
    }

    @Test func sumsAndProductsFlatten() {
        #expect(((a + b) + c).kind == .sum([a, b, c]))
        #expect((a + (b + c)).kind == .sum([a, b, c]))
        #expect(((a * b) * c).kind == .product([a, b, c]))
        #expect((a * (b * c)).kind == .product([a, b, c]))
        #expect((2 * (3 * a)).kind == .product([6, a]))
    }

    @Test func orderOfFirstAppearanceIsKept() {
        #expect((b + a).kind == .sum([b, a]))
        #expect((c + a + b).kind == .sum([c, a, b]))
        #expect((b * a).kind == .product([b, a]))
        // A merged term stays where the first of its kind stood.
        #expect((a + b + a).kind == .sum([2 * a, b]))
        #expect((b * a * b).kind == .product([b.power(2), a]))
        // The constant of a sum stays where the first constant stood; a product's leads.
        #expect((1 - x).kind == .sum([1, -x]))
        #expect((x + 1).kind == .sum([x, 1]))
        #expect((x * 3).kind == .product([3, x]))
        // Order is part of identity: a + b and b + a are different nodes.
        #expect(a + b != b + a)
    }

    @Test func functionsFoldOnlyExactValues() {
        #expect(Expr.apply(.exp, 0) == 1)
        #expect(Expr.apply(.log, 1) == 0)
        #expect(Expr.apply(.tanh, 0) == 0)
        #expect(Expr.apply(.sqrt, 0) == 0)
        #expect(Expr.apply(.logistic, 0) == .constant(q("1/2")))
        #expect(Expr.apply(.relu, .constant(q("-0.4"))) == 0)
        #expect(Expr.apply(.relu, .constant(q("0.36"))) == .constant(q("0.36")))
        #expect(Expr.apply(.relu, 0) == 0)
        #expect(Expr.apply(.step, 0) == 0)
        #expect(Expr.apply(.step, .constant(q("1/10"))) == 1)
        #expect(Expr.apply(.step, -2) == 0)
        #expect(Expr.apply(.exp, 1).kind == .function(.exp, 1))
        #expect(Expr.apply(.sqrt, 4).kind == .function(.sqrt, 4))
        #expect(Expr.apply(.logistic, x).kind == .function(.logistic, x))
    }

    @Test func accessors() {
        let e = Expr.apply(.logistic, a * x + b) + Expr.derivative(of: "E", by: "w") + a
        #expect(e.names == ["a", "x", "b"])
        #expect(e.derivatives.map { "\($0.of)/\($0.by)" } == ["E/w"])
        #expect(Expr.name("w5").nameValue == "w5")
        #expect(x.children.isEmpty)
        #expect((a + b).children == [a, b])
    }

    @Test func substitutingAndRewriting() {
        let e = a * x + b
        #expect(e.substituting(["x": y + 1]) == a * (y + 1) + b)
        #expect(e.substituting(["a": 0]) == b)
        #expect(e.substituting(["x": 2, "a": 3, "b": 4]) == 10)
        #expect(e.substituting([:]) == e)
        // Rewriting re-simplifies: a constant that appears merges with its neighbours.
        let rewritten = (x + 1).rewritten { $0.nameValue == "x" ? Expr(2) : nil }
        #expect(rewritten == 3)
    }

    // MARK: partial derivatives

    @Test func partialOfEachFunction() {
        let s = Expr.apply(.logistic, x)
        #expect(s.partial(by: "x") == s * (1 - s))
        let t = Expr.apply(.tanh, x)
        #expect(t.partial(by: "x") == 1 - t.power(2))
        #expect(Expr.apply(.relu, x).partial(by: "x") == .apply(.step, x))
        #expect(Expr.apply(.step, x).partial(by: "x") == 0)
        #expect(Expr.apply(.softplus, x).partial(by: "x") == .apply(.logistic, x))
        #expect(Expr.apply(.exp, x).partial(by: "x") == .apply(.exp, x))
        #expect(Expr.apply(.log, x).partial(by: "x") == x.power(-1))
        let r = Expr.apply(.sqrt, x)
        #expect(r.partial(by: "x") == .constant(q("1/2")) * r.power(-1))
    }

    @Test func logisticDerivativeReusesTheSameNode() {
        let s = Expr.apply(.logistic, x)
        let d = s.partial(by: "x")
        // σ(x)·(1 − σ(x)) with σ(x) one node: x, σ, 1, −1·σ, 1 − σ, the product; −1 is folded in.
        #expect(d.nodeCount == Expr.sum([d, s]).nodeCount - 1)
        guard case .product(let factors) = d.kind else {
            Issue.record("not a product: \(d)")
            return
        }
        #expect(factors.count == 2)
        #expect(factors[0] == s)
    }

    @Test func partialOfPowersAndProducts() {
        #expect(x.power(3).partial(by: "x") == 3 * x.power(2))
        #expect(x.power(-1).partial(by: "x") == -(x.power(-2)))
        #expect(x.power(2).partial(by: "y") == 0)
        #expect((a * x).partial(by: "x") == a)
        #expect((x * y).partial(by: "x") == y)
        #expect((x * x).partial(by: "x") == 2 * x)
        #expect((a * x + b).partial(by: "b") == 1)
        #expect((x / y).partial(by: "y") == -(x * y.power(-2)))
        #expect(Expr(5).partial(by: "x") == 0)
        #expect(Expr.derivative(of: "x", by: "x").partial(by: "x") == 0)
    }

    @Test func chainRule() {
        let s = Expr.apply(.logistic, 2 * x)
        #expect(s.partial(by: "x") == 2 * (s * (1 - s)))
        let half = Expr.constant(q("1/2"))
        let e = half * (Expr.name("t") - x).power(2)
        #expect(e.partial(by: "x") == -(Expr.name("t") - x))
        let l = Expr.apply(.log, x.power(2) + 1)
        #expect(l.partial(by: "x") == (x.power(2) + 1).power(-1) * (2 * x))
    }

    // MARK: sharing

    @Test func deepChainStaysLinear() {
        let depth = 2_000
        var e = x
        for _ in 0..<depth { e = .apply(.logistic, e) }
        #expect(e.nodeCount == depth + 1)
        let d = e.partial(by: "x")
        let size = d.nodeCount
        // Each level adds σ, 1, −1, −σ and 1 − σ (constants are not interned): 5 nodes, never a
        // copy of what is below; the chain's factors end up in one flat product.
        #expect(size <= 5 * depth + 10, "derivative of a \(depth)-deep chain has \(size) nodes")
        #expect(size >= 3 * depth)
        // Both together share the σ nodes.
        #expect(Expr.sum([e, d]).nodeCount == size + 1)
    }

    @Test func sharedSubexpressionIsCountedOnce() {
        var e = x
        // e_{k+1} = e_k·tanh(e_k) + e_k: as a tree it doubles each level, as a DAG it grows by a few nodes.
        for _ in 0..<30 { e = Expr.sum([Expr.product([e, Expr.apply(.tanh, e)]), e]) }
        #expect(e.nodeCount <= 4 * 30 + 1)
        let d = e.partial(by: "x")
        #expect(d.nodeCount < 40 * 30, "\(d.nodeCount)")
        // The DAG walk terminates and visits children before parents.
        var seen = Set<Expr>()
        var ordered = true
        e.forEachNode { node in
            if !node.children.allSatisfy(seen.contains) { ordered = false }
            seen.insert(node)
        }
        #expect(ordered)
    }

    /// A simplification never removes an operation that may be undefined (issue: `0*log(-1)`,
    /// `log(x) - log(x)`, `0/0` and `x/x` used to fold to numbers and evaluate without an error).
    @Test func undefinedOperationsAreKept() {
        let logX = Expr.apply(.log, x)
        #expect((0 * logX).kind == .product([0, logX]))
        #expect((logX - logX).kind == .product([0, logX]))
        #expect((x / x).kind == .product([x, x.power(-1)]))
        let zero = Expr.constant(0)
        #expect((zero / zero).mayBeUndefined)
        #expect((zero * (1 / zero)).mayBeUndefined)
        #expect((1 / zero - 1 / zero).mayBeUndefined)
        #expect(Expr.apply(.sqrt, x).power(0).mayBeUndefined)
        #expect(0 * Expr.apply(.sqrt, 4) == 0, "sqrt(4) is defined: 0·sqrt(4) is 0")
        #expect(0 * Expr.apply(.exp, x) == 0, "exp is defined everywhere")
    }

    /// A sum or product of positive constants, `exp` and `logistic` is never 0: dividing by it is
    /// always defined, and it cancels like a constant; a sum with a name in it may be 0 and stays.
    @Test func positiveDivisorsCancel() {
        let positive = 1 + Expr.apply(.exp, -x)
        #expect(positive.isPositive && !positive.mayBeZero)
        #expect(!(1 / positive).mayBeUndefined)
        #expect(positive / positive == 1)
        #expect((Expr.apply(.logistic, x) * 2).isPositive)
        let mayVanish = 1 + x
        #expect(!mayVanish.isPositive && mayVanish.mayBeZero)
        #expect((mayVanish / mayVanish).mayBeUndefined)
        #expect(!(Expr.apply(.exp, x) - 1).isPositive, "e^x − 1 is 0 at x = 0")
    }

    /// `logistic(u)` written out is its definition, so the two spellings cancel.
    @Test func logisticsWrittenOutCancelTheirDefinition() {
        let u = 2 * x - 1
        let spelled = 1 / (1 + Expr.apply(.exp, -u))
        #expect(Expr.apply(.logistic, u).writingLogisticsOut() == spelled)
        let inner = Expr.apply(.logistic, u)
        let nested = Expr.apply(.logistic, inner) - 1 / (1 + Expr.apply(.exp, -inner))
        #expect(nested.writingLogisticsOut().isZeroWhereDefined)
    }
}
