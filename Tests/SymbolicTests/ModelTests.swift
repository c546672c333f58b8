import Exact
import Symbolic
import Testing

private func q(_ text: String) -> Rational { Rational(text)! }
private func n(_ name: String) -> Expr { .name(name) }

/// A model from `name = number` and `name := expression` pairs, parsed the fixture's way.
private func model(givens: [(String, String)], definitions: [(String, String)]) throws -> Model {
    let names = Set(givens.map(\.0) + definitions.map(\.0))
    return try Model(
        givens: givens.map { ($0.0, q($0.1)) },
        definitions: definitions.map { ($0.0, try Parser.parse($0.1, isName: names.contains)) })
}

private func modelError(_ build: () throws -> Model) -> ModelError? {
    do {
        _ = try build()
        return nil
    } catch let error as ModelError { return error } catch { return nil }
}

@Suite("Model")
struct ModelTests {
    @Test func undefinedName() {
        let error = modelError { try model(givens: [("x", "1")], definitions: [("y", "x + z")]) }
        #expect(error == .undefinedName("z", usedBy: "y"))
        #expect(error?.description == "'z' is used by 'y' but is neither given nor defined")
    }

    @Test func cycleListsItsNames() {
        let error = modelError {
            try model(givens: [("x", "1")], definitions: [("a", "b + x"), ("b", "2*c"), ("c", "a^2"), ("d", "x")])
        }
        #expect(error == .cycle(["a", "b", "c"]))
        #expect(error?.description == "definitions form a cycle: a → b → c → a")
        #expect(modelError { try model(givens: [], definitions: [("s", "s + 1")]) } == .cycle(["s"]))
        // A cycle that starts further down is reported from where it closes.
        let inner = modelError {
            try model(givens: [("x", "1")], definitions: [("top", "p"), ("p", "q + x"), ("q", "p")])
        }
        #expect(inner == .cycle(["p", "q"]))
    }

    @Test func cycleThroughADerivative() {
        let error = modelError { try model(givens: [("x", "1")], definitions: [("y", "x + dz/dx"), ("z", "y^2")]) }
        #expect(error == .cycle(["y", "z"]))
    }

    @Test func unknownNameInADerivative() {
        let error = modelError {
            try Model(givens: [("x", 1)], definitions: [("y", .derivative(of: "q", by: "x"))])
        }
        #expect(error == .unknownInDerivative("q", usedBy: "y"))
        #expect(error?.description == "unknown name 'q' in a derivative")
    }

    @Test func definitionsInAnyOrder() throws {
        let m = try model(givens: [("x", "2")], definitions: [("c", "b + 1"), ("b", "a*x"), ("a", "x^2")])
        #expect(m.definitionOrder == ["a", "b", "c"])
        #expect(m.givenNames == ["x"])
        #expect(m.allNames == ["x", "a", "b", "c"])
        #expect(m.uses["b"] == ["a", "x"])
        #expect(m.contains("x") && m.contains("c") && !m.contains("z"))
        #expect(m.givens["x"] == 2)
    }

    @Test func derivativeInsideADefinitionIsExpanded() throws {
        let m = try model(
            givens: [("x", "3"), ("η", "0.5")],
            definitions: [("y", "x^3 + 2*x"), ("g", "dy/dx"), ("step", "x - η*∂y/∂x"), ("h", "d(y)/d(x) * x")])
        #expect(m.definitions["g"] == 3 * n("x").power(2) + 2)
        #expect(m.definitions["step"] == n("x") - n("η") * (3 * n("x").power(2) + 2))
        for name in ["g", "step", "h"] { #expect(m.definitions[name]?.derivatives.isEmpty == true) }
        let values = try m.evaluate([n("g"), n("step"), n("h")], on: { BallRegisters(count: $0, precision: 128) })
        #expect(values[0].contains(29))
        #expect(values[1].contains(q("-11.5")))
        #expect(values[2].contains(87))
    }

    @Test func derivativeOfADefinitionThatUsesDerivatives() throws {
        // The second derivative: d(dy/dx)/dx through a definition.
        let m = try model(givens: [("x", "2")], definitions: [("y", "x^4"), ("g", "dy/dx"), ("gg", "dg/dx")])
        #expect(m.definitions["gg"] == 12 * n("x").power(2))
    }

    @Test func depends() throws {
        let m = try TutorialModel.make()
        #expect(m.depends("E_total", on: "w1"))
        #expect(m.depends("E_total", on: "out_h1"))
        #expect(m.depends("out_o1", on: "w5"))
        #expect(!m.depends("out_o1", on: "w7"))
        #expect(!m.depends("out_h1", on: "w5"))
        #expect(!m.depends("w1", on: "E_total"))
        #expect(m.depends("w5", on: "w5"))
        #expect(m.depends("net_o2", on: "b1"))
        #expect(!m.depends("E_o1", on: "target_o2"))
    }

    @Test func derivativeByAnIntermediateHoldsItsInputsFixed() throws {
        let m = try TutorialModel.make()
        let d = try m.derivative(of: "E_total", by: "out_h1")
        let names = Set(d.names)
        // Nothing out_h1 is computed from appears: it is a free variable here.
        for fixed in ["w1", "w2", "w3", "w4", "i1", "i2", "b1", "net_h1", "net_h2", "out_h1"] {
            #expect(!names.contains(fixed), "\(fixed) in \(d)")
        }
        #expect(names.isSuperset(of: ["w5", "w7", "out_o1", "out_o2", "target_o1", "target_o2"]))
        #expect(
            d == -(n("target_o1") - n("out_o1")) * n("out_o1") * (1 - n("out_o1")) * n("w5")
                - (n("target_o2") - n("out_o2")) * n("out_o2") * (1 - n("out_o2")) * n("w7"))
        let value = try m.certify([d], significantDigits: 9)[0]
        #expect(value.digits == "0.0363503064")
        // The tutorial's figures, by intermediates (it prints -0.019049119 for ∂E_o2/∂out_h1, a rounding slip).
        let more = try m.certify(
            [
                try m.derivative(of: "E_o1", by: "out_h1"), try m.derivative(of: "E_o2", by: "out_h1"),
                try m.derivative(of: "E_o1", by: "net_o1"), try m.derivative(of: "out_o1", by: "net_o1"),
            ],
            significantDigits: 8)
        #expect(more.map(\.digits) == ["0.055399425", "-0.019049118", "0.13849856", "0.18681560"])
    }

    @Test func trivialDerivatives() throws {
        let m = try TutorialModel.make()
        #expect(try m.derivative(of: "E_total", by: "E_total") == 1)
        #expect(try m.derivative(of: "w5", by: "w5") == 1)
        #expect(try m.derivative(of: "out_o1", by: "w7") == 0)
        #expect(try m.derivative(of: "w1", by: "E_total") == 0)
        #expect(try m.derivative(of: "E_total", by: "E_o1") == 1)
        #expect(try m.derivative(of: "net_o1", by: "w5") == n("out_h1"))
        #expect(try m.derivative(of: "out_o1", by: "net_o1") == n("out_o1") * (1 - n("out_o1")))
        #expect(throws: ModelError.unknownInDerivative("nope", usedBy: nil)) { try m.derivative(of: "nope", by: "w1") }
        #expect(throws: ModelError.unknownInDerivative("w99", usedBy: nil)) {
            try m.derivative(of: "E_total", by: "w99")
        }
    }

    @Test func derivativeSumsEveryPath() throws {
        // y uses x twice, once directly and once through u: dy/dx = ∂y/∂u·du/dx + ∂y/∂x.
        let m = try model(givens: [("x", "3")], definitions: [("u", "x^2"), ("y", "u*x + u")])
        #expect(try m.derivative(of: "y", by: "x") == (n("x") + 1) * (2 * n("x")) + n("u"))
        #expect(try m.derivative(of: "y", by: "u") == n("x") + 1)
        let value = try m.certify([try m.derivative(of: "y", by: "x")], significantDigits: 5)[0]
        #expect(value.digits == "33.000")
    }

    @Test func localPartialUsesTheModelsNames() throws {
        let m = try TutorialModel.make()
        #expect(m.localPartial(of: "out_h1", by: "net_h1") == n("out_h1") * (1 - n("out_h1")))
        #expect(m.localPartial(of: "net_o1", by: "out_h1") == n("w5"))
        #expect(m.localPartial(of: "w5", by: "w5") == 1)
        #expect(m.localPartial(of: "w5", by: "w6") == 0)
        let dropped = Model.DerivativeOptions(dropsActivationDerivative: true)
        #expect(m.localPartial(of: "out_h1", by: "net_h1", options: dropped) == 1)
        #expect(m.localPartial(of: "net_o1", by: "out_h1", options: dropped) == n("w5"))
        #expect(
            try m.derivative(of: "E_total", by: "w5", options: dropped) == -(n("target_o1") - n("out_o1")) * n("out_h1")
        )
        #expect(m.isActivation("out_o1") && !m.isActivation("net_o1") && !m.isActivation("E_total"))
    }

    @Test func resolvingAFormula() throws {
        let m = try TutorialModel.make()
        let names = Set(m.allNames)
        let formula = try Parser.parse("w5 - 0.5*dE_total/dw5", isName: names.contains)
        let resolved = try m.resolving(formula)
        #expect(resolved.derivatives.isEmpty)
        #expect(resolved == n("w5") - Expr.constant(Rational.half) * (try m.derivative(of: "E_total", by: "w5")))
        #expect(throws: ModelError.undefinedName("zz", usedBy: "the formula")) { try m.resolving(n("zz") + 1) }
        let value = try m.certify([resolved], significantDigits: 9)[0]
        #expect(value.digits == "0.358916480")
    }

    @Test func expandedIsInTheGivensAlone() throws {
        let m = try TutorialModel.make()
        let e = m.expanded(n("out_o1"))
        #expect(Set(e.names) == ["w5", "w6", "b2", "w1", "w2", "w3", "w4", "i1", "i2", "b1"])
        let both = try m.certify([n("out_o1"), e], significantDigits: 30)
        #expect(both[0].digits == both[1].digits)
    }

    @Test func withGivens() throws {
        let m = try TutorialModel.make()
        let moved = m.withGivens(["w5": q("0.35891648"), "nothing": 1])
        #expect(moved.givens["w5"] == q("0.35891648"))
        #expect(moved.givens["nothing"] == nil)
        #expect(m.givens["w5"] == q("0.40"))
    }
}
