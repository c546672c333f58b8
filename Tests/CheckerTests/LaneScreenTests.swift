import Exact
import Fixture
import Foundation
import Symbolic
import Testing

@testable import Checker

/// Pairs screened together, a lane each (`LaneRegisters`), give bit for bit the `Double` values
/// each gives screened alone on `DoubleRegisters`.
@Suite struct LaneScreenTests {
    /// Every pair of the 2-1-3-2 relu net of `SlotScreenTests`, with its claims at several steps.
    @Test func reluPairsInLanesMatchTheirScalarRuns() throws {
        let text = SlotScreenTests.relu + "\n" + SlotScreenTests.claims
        let compared = try compareLanesWithScalarRuns(try FixtureReader.read(text: text, file: "relu"))
        #expect(compared > 100)
    }

    /// Every pair of the tutorial's net trained one sample at a time on three samples of [data],
    /// with sample claims and whole-data (mean) losses read across the samples.
    @Test func dataPairsInLanesMatchTheirScalarRuns() throws {
        let url = TestPaths.resources.appendingPathComponent("v2/batch-1-mean.deriv")
        let compared = try compareLanesWithScalarRuns(
            try FixtureReader.read(text: TestPaths.text(url), file: "batch-1-mean.deriv"))
        #expect(compared > 100)
    }

    /// Replacements of every kind, lane by lane: one that overwrites the shared result, one that
    /// reads its own register, one that writes another register, two at the same position.
    @Test func replacedInstructionsRunAsTheirVariants() throws {
        let model = try Model(givens: [("x", Rational(3) / 10), ("y", Rational(-7) / 10)], definitions: [])
        var builder = ProgramBuilder(model: model)
        let registers = ["x", "y"].compactMap { builder.register(forGiven: $0) }
        try #require(registers.count == 2)
        let (x, y) = (registers[0], registers[1])
        let (a, b, c) = (builder.allocate(), builder.allocate(), builder.allocate())
        builder.emit(.add(x, y, into: a))
        builder.emit(.multiply(a, x, into: b))
        builder.emit(.apply(.exp, b, into: c))
        builder.emit(.subtract(c, a, into: a))
        let program = builder.finished(keeping: [a, b, c])
        #expect(program.body.count == 4)
        let variants: [[(position: Int, instruction: Program.Instruction)]] = [
            [],
            [(0, .subtract(y, x, into: a))],
            [(1, .multiply(b, b, into: b))],
            [(2, .negate(a, into: b))],
            [(0, .copy(x, into: a)), (3, .add(a, a, into: a))],
            [(1, .divide(x, a, into: b)), (1, .power(a, 3, into: b))],
        ]
        let lanes = LaneRegisters(count: program.registerCount)
        try program.runSetup(on: lanes)
        #expect(LaneProgram(program, variants: variants).runBody(on: lanes))
        for lane in 0..<LaneRegisters.width {
            let alone = DoubleRegisters(count: program.registerCount)
            try program.replacingBody(variants.indices.contains(lane) ? variants[lane] : []).run(on: alone)
            for register in 0..<program.registerCount {
                #expect(lanes.value(at: register)[lane].bitPattern == alone.value(at: register).bitPattern)
            }
        }
    }

    /// Screens every pair of the fixture's candidates in one call (lanes, `LaneRegisters.width` at
    /// a time) and each alone, and compares the values' bits; returns how many values it compared.
    private func compareLanesWithScalarRuns(_ fixture: Fixture) throws -> Int {
        let base = try Scenario(fixture: fixture)
        let pending = Array(fixture.claims.indices)
        let screen = try #require(SlotScreen(fixture: fixture, claims: fixture.claims, pending: pending, base: base))
        let pairs = MistakeSearch(fixture: fixture, escalation: .standard).candidates().filter {
            ["swapped", "miswired", "sign"].contains($0.name)
        }
        let together = screen.values(of: pairs, pending: pending, claims: fixture.claims)
        #expect(together.count == pairs.count)
        var compared = 0
        for (mistake, lanes) in zip(pairs, together) {
            let alone = screen.values(of: mistake, pending: pending, claims: fixture.claims)
            #expect(alone?.map(\.index) == lanes?.map(\.index), "\(mistake)")
            for (scalar, lane) in zip(alone ?? [], lanes ?? []) {
                #expect(scalar.value.bitPattern == lane.value.bitPattern, "\(mistake), claim \(scalar.index)")
                compared += 1
            }
        }
        return compared
    }
}
