import Exact
import Symbolic
import Testing

private func q(_ text: String) -> Rational { Rational(text)! }
private func n(_ name: String) -> Expr { .name(name) }

/// A model from `name = number` and `name := expression` pairs.
private func model(_ givens: [(String, String)], _ definitions: [(String, String)]) throws -> Model {
    let names = Set(givens.map(\.0) + definitions.map(\.0))
    return try Model(
        givens: givens.map { ($0.0, q($0.1)) },
        definitions: definitions.map { ($0.0, try Parser.parse($0.1, isName: names.contains)) })
}

/// Compiles `expressions` into one program and returns it with their registers.
private func compile(_ model: Model, _ expressions: [Expr]) throws -> (Program, [Int]) {
    var builder = ProgramBuilder(model: model)
    let outputs = try expressions.map { try builder.compile(model.resolving($0)) }
    return (builder.finished(keeping: outputs), outputs)
}

@Suite("Program")
struct ProgramTests {
    @Test func doubleAndBallAgreeOnTheTutorial() throws {
        let m = try TutorialModel.make()
        let expressions: [Expr] =
            try m.definitionOrder.map(n)
            + ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"].map {
                try m.derivative(of: "E_total", by: $0)
            }
        let (program, outputs) = try compile(m, expressions)
        let doubles = DoubleRegisters(count: program.registerCount)
        let balls = BallRegisters(count: program.registerCount, precision: 200)
        try program.run(on: doubles)
        try program.run(on: balls)
        for (expression, register) in zip(expressions, outputs) {
            let double = doubles.value(at: register)
            let ball = balls.value(at: register)
            #expect(ball.radius < Rational.powerOfTen(-50), "\(expression)")
            let reference = ball.midpoint.doubleValue
            #expect(abs(double - reference) <= 1e-12 * abs(reference), "\(expression): \(double) vs \(reference)")
        }
    }

    @Test func ballContainsTheExactValueOfRationalExpressions() throws {
        let a = q("1/3")
        let b = q("0.7")
        let c = q("-2.5")
        let m = try model(
            [("a", "1/3"), ("b", "0.7"), ("c", "-2.5")],
            [("u", "a*b - a/b + a^3"), ("v", "(u + c)^-2 - 3*u"), ("w", "v/(a - b) - -c^2"), ("z", "u*v*w + 1/7")])
        let u = a * b - a / b + a.power(3)!
        let v = (u + c).power(-2)! - 3 * u
        let w = v / (a - b) + c.power(2)!
        let z = u * v * w + q("1/7")
        let (program, outputs) = try compile(m, [n("u"), n("v"), n("w"), n("z")])
        for precision in [53, 128, 512] {
            let balls = BallRegisters(count: program.registerCount, precision: precision)
            try program.run(on: balls)
            for (exact, register) in zip([u, v, w, z], outputs) {
                #expect(balls.value(at: register).contains(exact), "at \(precision) bits")
            }
        }
        let doubles = DoubleRegisters(count: program.registerCount)
        try program.run(on: doubles)
        for (exact, register) in zip([u, v, w, z], outputs) {
            #expect(abs(doubles.value(at: register) - exact.doubleValue) <= 1e-12 * abs(exact.doubleValue))
        }
        // certify gives the correctly rounded digits of the exact value.
        let certified = try m.certify([n("z")], significantDigits: 30)
        #expect(certified[0].digits == z.formatted(significantDigits: 30))
    }

    @Test func exactRationalModelsAreExactInEveryPrecision() throws {
        // relu.deriv: every value is rational; relu at a decided sign is exact.
        let m = try FixtureModels.model("relu.deriv")
        let values = try m.certify([n("net_h1"), n("net_o1"), n("E_total")], significantDigits: 20)
        #expect(
            values.map(\.digits) == ["-0.40000000000000000000", "0.48200000000000000000", "0.26832400000000000000"])
        #expect(values[2].enclosure.contains(q("0.268324")))
    }

    @Test func failureNamesTheDefinition() throws {
        let m = try model([("x", "-2"), ("y", "3")], [("good", "x*y"), ("bad", "log(x) + y"), ("uses", "bad * 2")])
        do {
            _ = try m.evaluate([n("uses")], on: { BallRegisters(count: $0, precision: 128) })
            Issue.record("log of a negative given evaluated")
        } catch {
            guard case .arithmetic(let failure) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(failure.definition == "bad")
            #expect(failure.error == .domain(function: "log", requirement: failure.error.requirement))
            #expect(failure.description.hasSuffix("(in 'bad')"))
        }
        // A definition that does not need `bad` evaluates.
        let good = try m.evaluate([n("good")], on: { BallRegisters(count: $0, precision: 128) })
        #expect(good[0].contains(-6))
        // In Double it is NaN, not an error.
        let double = try m.evaluate([n("bad")], on: DoubleRegisters.init(count:))
        #expect(double[0].isNaN)
    }

    @Test func failureOutsideADefinitionHasNoName() throws {
        let m = try model([("x", "-2")], [])
        do {
            _ = try m.evaluate([.apply(.log, n("x"))], on: { BallRegisters(count: $0, precision: 128) })
            Issue.record("log of a negative given evaluated")
        } catch {
            guard case .arithmetic(let failure) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(failure.definition == nil)
        }
        do {
            _ = try m.evaluate([1 / (n("x") + 2)], on: { BallRegisters(count: $0, precision: 128) })
            Issue.record("division by zero evaluated")
        } catch {
            guard case .arithmetic(let failure) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(failure.error == .divisionByZero)
        }
    }

    @Test func sharedSubexpressionsAreComputedOnce() throws {
        let m = try model([("x", "0.5")], [("s", "σ(x)"), ("t", "s*(1 - s) + s^2")])
        let (program, _) = try compile(m, [n("t"), n("t"), try m.derivative(of: "t", by: "x")])
        let calls = program.body.filter { $0.operation == .apply }
        #expect(calls.count == 1)
        #expect(program.origins.count == program.body.count)
    }

    @Test func unusedInstructionsAreDropped() throws {
        let m = try model([("x", "2")], [("a", "exp(x)"), ("b", "x + 1")])
        var builder = ProgramBuilder(model: m)
        let a = try builder.compile(name: "a")
        let b = try builder.compile(name: "b")
        let onlyB = builder.finished(keeping: [b])
        #expect(!onlyB.body.contains { $0.operation == .apply })
        let both = builder.finished(keeping: [a, b])
        #expect(both.body.count > onlyB.body.count)
    }

    @Test func rerunningTheBodyAfterChangingAGiven() throws {
        let m = try TutorialModel.make()
        var builder = ProgramBuilder(model: m)
        let w5Register = builder.register(forGiven: "w5")
        let w5 = try #require(w5Register)
        let e = try builder.compile(name: "E_total")
        let program = builder.finished(keeping: [e])
        let registers = DoubleRegisters(count: program.registerCount)
        try program.run(on: registers)
        let before = registers.value(at: e)
        registers.set(0.1, at: w5)
        try program.runBody(on: registers)
        let moved = try m.withGivens(["w5": q("0.1")]).evaluate([n("E_total")], on: DoubleRegisters.init(count:))[0]
        #expect(registers.value(at: e) == moved)
        #expect(registers.value(at: e) != before)
    }

    @Test func deepDefinitionChainsCompileWithoutRecursing() throws {
        var definitions: [(String, Expr)] = [("d0", .apply(.tanh, n("x")))]
        for k in 1..<3_000 { definitions.append(("d\(k)", .apply(.tanh, n("d\(k - 1)")) + n("x"))) }
        let m = try Model(givens: [("x", q("0.1"))], definitions: definitions)
        let value = try m.certify([n("d2999")], significantDigits: 10)
        #expect(value[0].digits != nil)
        #expect(abs(value[0].double - (try #require(Double(value[0].digits ?? "")))) < 1e-9)
    }
}

extension EnclosureError {
    /// The requirement text of a domain error, for comparing the rest of it.
    fileprivate var requirement: String {
        if case .domain(_, let requirement) = self { return requirement }
        return ""
    }
}
