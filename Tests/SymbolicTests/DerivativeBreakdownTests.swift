import Exact
import Symbolic
import Testing

private func n(_ name: String) -> Expr { .name(name) }
private let text = ExprPrinter(style: .text)

@Suite("DerivativeBreakdown")
struct DerivativeBreakdownTests {
    @Test func chainForW5() throws {
        let model = try TutorialModel.make()
        let breakdown = try DerivativeBreakdown(model: model, of: "E_total", by: "w5")
        #expect(
            breakdown.chain.map { "∂\($0.upper)/∂\($0.lower)" } == [
                "∂E_total/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂w5",
            ])
        #expect(
            breakdown.chain.map { text($0.expression) } == ["-(target_o1 - out_o1)", "out_o1·(1 - out_o1)", "out_h1"])
        #expect(breakdown.chain.allSatisfy { $0.terms.isEmpty })
        #expect(text(breakdown.expression) == "-(target_o1 - out_o1)·out_o1·(1 - out_o1)·out_h1")
        #expect(Expr.product(breakdown.chain.map(\.expression)) == breakdown.expression)
        #expect(text(try #require(breakdown.deltaForm)) == "δ_o1·out_h1")
        #expect(breakdown.deltas.map(\.symbol) == ["δ_o1"])
        #expect(breakdown.deltas.map(\.quantity) == ["net_o1"])
        #expect(text(breakdown.deltas[0].expression) == "-(target_o1 - out_o1)·out_o1·(1 - out_o1)")
    }

    @Test func chainForW1() throws {
        let model = try TutorialModel.make()
        let breakdown = try DerivativeBreakdown(model: model, of: "E_total", by: "w1")
        #expect(
            breakdown.chain.map { "∂\($0.upper)/∂\($0.lower)" } == [
                "∂E_total/∂out_h1", "∂out_h1/∂net_h1", "∂net_h1/∂w1",
            ])
        let top = breakdown.chain[0]
        #expect(top.terms.map(\.user) == ["net_o1", "net_o2"])
        #expect(top.terms.map { text($0.expression) } == ["∂E_total/∂net_o1·w5", "∂E_total/∂net_o2·w7"])
        #expect(top.expression == (try model.derivative(of: "E_total", by: "out_h1")))
        #expect(text(breakdown.chain[1].expression) == "out_h1·(1 - out_h1)")
        #expect(text(breakdown.chain[2].expression) == "i1")
        #expect(Expr.product(breakdown.chain.map(\.expression)) == breakdown.expression)
    }

    @Test func deltaFormForW1() throws {
        let model = try TutorialModel.make()
        let breakdown = try DerivativeBreakdown(model: model, of: "E_total", by: "w1")
        #expect(text(try #require(breakdown.deltaForm)) == "δ_h1·i1")
        let deltas = Dictionary(uniqueKeysWithValues: breakdown.deltas.map { ($0.symbol, $0) })
        #expect(Set(deltas.keys) == ["δ_h1", "δ_o1", "δ_o2"])
        #expect(breakdown.deltas.first?.symbol == "δ_h1")
        #expect(text(try #require(deltas["δ_h1"]).expression) == "(δ_o1·w5 + δ_o2·w7)·out_h1·(1 - out_h1)")
        #expect(text(try #require(deltas["δ_o1"]).expression) == "-(target_o1 - out_o1)·out_o1·(1 - out_o1)")
        #expect(text(try #require(deltas["δ_o2"]).expression) == "-(target_o2 - out_o2)·out_o2·(1 - out_o2)")
        #expect(deltas["δ_h1"]?.quantity == "net_h1")
    }

    @Test func deltaFormAgreesWithTheDerivative() throws {
        // Substituting each delta's expression for its symbol gives the derivative back.
        let model = try TutorialModel.make()
        for weight in ["w1", "w4", "w6", "w8"] {
            let breakdown = try DerivativeBreakdown(model: model, of: "E_total", by: weight)
            var form = try #require(breakdown.deltaForm)
            for _ in breakdown.deltas {
                form = form.substituting(
                    Dictionary(uniqueKeysWithValues: breakdown.deltas.map { ($0.symbol, $0.expression) }))
            }
            let values = try model.certify([form, breakdown.expression], significantDigits: 40)
            #expect(values[0].digits == values[1].digits, "\(weight)")
        }
    }

    @Test func expandedIsInTheGivens() throws {
        let model = try TutorialModel.make()
        let breakdown = try DerivativeBreakdown(model: model, of: "E_total", by: "w5")
        #expect(Set(breakdown.expanded.names).isSubset(of: Set(model.givenNames)))
        let values = try model.certify([breakdown.expanded, breakdown.expression], significantDigits: 40)
        #expect(values[0].digits == values[1].digits)
        #expect(values[0].digits?.hasPrefix("0.08216704056") == true)
    }

    @Test func biasAndIntermediate() throws {
        let model = try TutorialModel.make()
        let b2 = try DerivativeBreakdown(model: model, of: "E_total", by: "b2")
        // b2 feeds both outputs: no single neuron, so no delta form.
        #expect(b2.deltaForm == nil)
        #expect(b2.chain.count == 1)
        #expect(b2.chain[0].terms.map(\.user) == ["net_o1", "net_o2"])
        let byOut = try DerivativeBreakdown(model: model, of: "E_total", by: "out_h1")
        #expect(byOut.chain.map(\.lower) == ["out_h1"])
        #expect(byOut.chain.map(\.upper) == ["E_total"])
    }

    @Test func deltaSymbols() {
        #expect(DerivativeBreakdown.deltaSymbol(for: "net_o1") == "δ_o1")
        #expect(DerivativeBreakdown.deltaSymbol(for: "net_h1_2") == "δ_h1_2")
        #expect(DerivativeBreakdown.deltaSymbol(for: "z") == "δ_z")
    }

    @Test func twoHiddenLayersDeltas() throws {
        let model = try FixtureModels.model("two-hidden.deriv")
        let breakdown = try DerivativeBreakdown(model: model, of: "E_total", by: "w1")
        #expect(text(try #require(breakdown.deltaForm)) == "δ_h1_1·i1")
        let deltas = Dictionary(uniqueKeysWithValues: breakdown.deltas.map { ($0.symbol, $0) })
        #expect(text(try #require(deltas["δ_h1_1"]).expression) == "(δ_h2_1·w7 + δ_h2_2·w10)·out_h1_1·(1 - out_h1_1)")
        #expect(text(try #require(deltas["δ_h2_1"]).expression) == "(δ_o1·w13 + δ_o2·w15)·out_h2_1·(1 - out_h2_1)")
    }
}
