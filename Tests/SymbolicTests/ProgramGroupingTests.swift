import Exact
import Testing

@testable import Symbolic

/// `Program.groupedOrder(of:)`, the order `ProgramBuilder.finished` runs a body in: on random
/// straight-line bodies that write registers in place (so every kind of hazard occurs), the
/// reordered body leaves every register exactly as the original does, keeps the operations that can
/// be undefined in their order, and runs alike operations together.
@Suite("Program grouping")
struct ProgramGroupingTests {
    typealias Instruction = Program.Instruction

    /// A body of `length` instructions over `registers` registers, each reading and writing at random.
    static func body(length: Int, registers: Int, using generator: inout SplitMix64) -> [Instruction] {
        (0..<length).map { _ in
            let a = Int.random(in: 0..<registers, using: &generator)
            let b = Int.random(in: 0..<registers, using: &generator)
            let d = Int.random(in: 0..<registers, using: &generator)
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: return .add(a, b, into: d)
            case 1: return .subtract(a, b, into: d)
            case 2: return .multiply(a, b, into: d)
            case 3: return .divide(a, b, into: d)
            case 4: return .copy(a, into: d)
            case 5: return .negate(a, into: d)
            case 6: return .apply(.tanh, a, into: d)
            default: return .add(a, a, into: d)
            }
        }
    }

    /// Every register after running `body` in `order` on `Double`s from the same start.
    static func run(_ body: [Instruction], order: [Int], registers: Int) -> [UInt64] {
        let file = DoubleRegisters(count: registers)
        for r in 0..<registers { file.set(Double(r + 1) / 7, at: r) }
        var program = Program()
        program.body = order.map { body[$0] }
        program.registerCount = registers
        try? program.runBody(on: file)
        return (0..<registers).map { file.value(at: $0).bitPattern }
    }

    @Test func reorderedBodiesComputeTheSame() {
        var generator = SplitMix64(seed: 0x6_0007)
        var switchesBefore = 0
        var switchesAfter = 0
        for _ in 0..<300 {
            let registers = Int.random(in: 2...40, using: &generator)
            let body = Self.body(
                length: Int.random(in: 1...80, using: &generator), registers: registers, using: &generator)
            let order = Program.groupedOrder(of: body)
            #expect(order.sorted() == Array(body.indices), "not a permutation")
            #expect(
                Self.run(body, order: order, registers: registers)
                    == Self.run(body, order: Array(body.indices), registers: registers))
            let partial = order.filter { body[$0].mayBeUndefined }
            #expect(partial == partial.sorted(), "divisions and functions reordered among themselves")
            func switches(_ sequence: [Int]) -> Int {
                zip(sequence, sequence.dropFirst()).filter { body[$0].operation != body[$1].operation }.count
            }
            switchesBefore += switches(Array(body.indices))
            switchesAfter += switches(order)
        }
        // Dependencies (and the fixed order of divisions and functions, a quarter of these bodies)
        // bound how far alike operations come together: random bodies allow a fifth fewer switches.
        #expect(switchesAfter * 5 < switchesBefore * 4, "\(switchesAfter) switches against \(switchesBefore)")
    }
}
