import Exact
import Foundation
import Testing

/// `DoubleRegisters` must give exactly what the plain Swift expression gives.
@Suite("DoubleRegisters")
struct DoubleRegistersTests {
    @Test func matchesSwiftDoubleOperations() throws {
        var generator = SplitMix64(seed: 0xD0B1E)
        let registers = DoubleRegisters(count: 3)
        #expect(registers.count == 3)
        for _ in 0..<600 {
            let textA = generator.decimalText()
            let textB = generator.decimalText()
            let x = Double(textA)!
            let y = Double(textB)!
            registers.load(Rational(textA)!, into: 0)
            registers.load(Rational(textB)!, into: 1)
            #expect(registers.value(at: 0) == x, "load \(textA)")
            #expect(registers.value(at: 1) == y, "load \(textB)")
            let exponent = Int.random(in: -5...7, using: &generator)
            let checks: [(String, Double, () -> Void)] = [
                ("+", x + y, { registers.add(0, 1, into: 2) }),
                ("-", x - y, { registers.subtract(0, 1, into: 2) }),
                ("*", x * y, { registers.multiply(0, 1, into: 2) }),
                ("/", x / y, { registers.divide(0, 1, into: 2) }),
                ("neg", -x, { registers.negate(0, into: 2) }),
                ("copy", x, { registers.copy(0, into: 2) }),
                ("^", exponent == 2 ? x * x : pow(x, Double(exponent)), { registers.power(0, exponent, into: 2) }),
            ]
            for (name, expected, operation) in checks {
                operation()
                #expect(registers.value(at: 2).bitPattern == expected.bitPattern, "\(textA) \(name) \(textB)")
            }
            for function in ElementaryFunction.allCases {
                registers.apply(function, 0, into: 2)
                let expected = function(x)
                #expect(
                    registers.value(at: 2).bitPattern == expected.bitPattern
                        || expected.isNaN && registers.value(at: 2).isNaN)
            }
        }
    }

    @Test func followsIEEEInsteadOfThrowing() {
        let registers = DoubleRegisters(count: 2)
        registers.load(1, into: 0)
        registers.divide(0, 1, into: 1)
        #expect(registers.value(at: 1) == .infinity)
        registers.apply(.log, 1, into: 1)
        #expect(registers.value(at: 1) == .infinity)
        registers.load(-1, into: 0)
        registers.apply(.sqrt, 0, into: 1)
        #expect(registers.value(at: 1).isNaN)
        registers.set(2.5, at: 0)
        #expect(registers.value(at: 0) == 2.5)
    }

    @Test func elementaryFunctionsInDouble() {
        #expect(ElementaryFunction.logistic(0) == 0.5)
        #expect(ElementaryFunction.relu(-2) == 0 && ElementaryFunction.relu(3) == 3)
        #expect(ElementaryFunction.step(0) == 0 && ElementaryFunction.step(1e-300) == 1)
        #expect(ElementaryFunction.step.name == "relu′" && ElementaryFunction.exp.name == "exp")
        #expect(ElementaryFunction.softplus(0) == log(2.0))
    }
}
