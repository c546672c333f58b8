import Exact
import Foundation
import Testing

/// Each lane of `LaneRegisters` holds exactly what `DoubleRegisters` holds after the same
/// operations, and a lane run on its own (`lanes`) touches only its lane.
@Suite("LaneRegisters")
struct LaneRegistersTests {
    @Test func everyLaneMatchesDoubleRegisters() throws {
        var generator = SplitMix64(seed: 0x1A4E)
        let width = LaneRegisters.width
        let lanes = LaneRegisters(count: 3)
        let scalars = (0..<width).map { _ in DoubleRegisters(count: 3) }
        for _ in 0..<200 {
            // Zeros among the operands: negation must give −0, as the scalar does.
            let texts = (0..<2 * width).map { index in index % 5 == 0 ? "0" : generator.decimalText() }
            for lane in 0..<width {
                for register in 0..<2 {
                    let value = try #require(Rational(texts[2 * lane + register]))
                    lanes.lanes[lane].load(value, into: register)
                    scalars[lane].load(value, into: register)
                }
            }
            let exponent = Int.random(in: -5...7, using: &generator)
            let operations: [(String, (any RegisterFile) throws -> Void)] =
                [
                    ("+", { try $0.add(0, 1, into: 2) }), ("-", { try $0.subtract(0, 1, into: 2) }),
                    ("*", { try $0.multiply(0, 1, into: 2) }), ("/", { try $0.divide(0, 1, into: 2) }),
                    ("neg", { try $0.negate(0, into: 2) }), ("copy", { try $0.copy(1, into: 2) }),
                    ("^\(exponent)", { try $0.power(0, exponent, into: 2) }),
                ]
                + ElementaryFunction.allCases.map { function in (function.name, { try $0.apply(function, 0, into: 2) })
                }
            for (name, operation) in operations {
                try operation(lanes)
                for lane in 0..<width {
                    try operation(scalars[lane])
                    let expected = scalars[lane].value(at: 2)
                    #expect(lanes.value(at: 2)[lane].bitPattern == expected.bitPattern, "\(name) lane \(lane)")
                    #expect(lanes.lanes[lane].value(at: 2).bitPattern == expected.bitPattern)
                }
            }
        }
    }

    /// Signed zeros, infinities and NaNs (which no `load` gives) through every function.
    @Test func specialValuesMatchDoubleRegisters() {
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude, -1]
        let lanes = LaneRegisters(count: 2)
        let scalar = DoubleRegisters(count: 2)
        for start in stride(from: 0, to: specials.count, by: LaneRegisters.width) {
            var operand = LaneRegisters.Lanes()
            for lane in 0..<LaneRegisters.width { operand[lane] = specials[(start + lane) % specials.count] }
            lanes.set(operand, at: 0)
            for function in ElementaryFunction.allCases {
                lanes.apply(function, 0, into: 1)
                lanes.negate(1, into: 1)
                for lane in 0..<LaneRegisters.width {
                    scalar.set(operand[lane], at: 0)
                    scalar.apply(function, 0, into: 1)
                    scalar.negate(1, into: 1)
                    let (got, expected) = (lanes.value(at: 1)[lane], scalar.value(at: 1))
                    #expect(got.bitPattern == expected.bitPattern, "\(function.name)(\(operand[lane]))")
                }
            }
        }
    }

    /// An operation on one lane leaves the other lanes alone.
    @Test func aLaneTouchesOnlyItself() {
        let lanes = LaneRegisters(count: 2)
        lanes.load(Rational(3), into: 0)
        lanes.lanes[2].negate(0, into: 1)
        #expect(lanes.value(at: 1)[2] == -3)
        #expect((0..<LaneRegisters.width).filter { lanes.value(at: 1)[$0] != 0 } == [2])
    }
}
