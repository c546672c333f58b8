import Checker
import Exact
import Fixture
import Foundation
import Testing

/// The reference run of `make_expected.py` (mpmath, 60 digits): variant, step, quantity, value.
private let referenceRows: [(variant: String, step: Int, quantity: String, value: Rational)] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Resources/training.tsv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().compactMap { line in
        let columns = line.split(separator: "\t").map(String.init)
        guard columns.count == 4, let step = Int(columns[1]), let value = Rational(columns[3]) else { return nil }
        return (columns[0], step, columns[2], value)
    }
}()

private func reference(_ quantity: String, at step: Int) -> Rational? {
    referenceRows.first { $0.variant == "simultaneous" && $0.step == step && $0.quantity == quantity }?.value
}

private func tutorial() throws -> Fixture {
    try FixtureReader.read(text: Fixture.tutorialText, file: Fixture.tutorialFileName)
}

/// Leading significant digits of `double` that match `truth`, counted here without the trainer:
/// the largest k with 10^k ≤ |truth| / |double − truth|.
private func independentAgreeingDigits(_ double: Double, _ truth: Rational) -> Int {
    let point = Rational(exactly: double)!
    let error = (point - truth).magnitude
    if error.signum == 0 { return 17 }
    let ratio = truth.magnitude / error
    var digits = 0
    while Rational.powerOfTen(digits + 1) <= ratio { digits += 1 }
    return digits
}

@Suite("Trainer")
struct TrainerTests {
    @Test func referenceDataIsThere() {
        #expect(reference("E_total", at: 10000) != nil)
        #expect(reference("w8", at: 10000) != nil)
    }

    @Test func lossAfterTenThousandStepsAgreesWithMpmathTo25Digits() throws {
        let records = try Trainer(fixture: tutorial()).run(steps: 10000, every: 1000)
        let last = try #require(records.last)
        #expect(last.step == 10000)
        let expected = try #require(reference("E_total", at: 10000))
        let certified = try #require(last.loss.formatted(significantDigits: 25))
        #expect(certified == expected.formatted(significantDigits: 25))
        #expect(certified == "0.00003510187782978845874234018")
        // The whole enclosure lies within a unit of the 28th significant digit of the reference.
        let bound = expected * Rational.powerOfTen(-27)
        #expect((last.loss.midpoint - expected).magnitude + last.loss.radius <= bound)
    }

    @Test func everyReadingMatchesTheReference() throws {
        let records = try Trainer(fixture: tutorial()).run(steps: 10000, every: 10)
        var compared = 0
        for record in records {
            guard let expected = reference("E_total", at: record.step) else { continue }
            #expect(
                record.loss.formatted(significantDigits: 25) == expected.formatted(significantDigits: 25),
                "step \(record.step)")
            for output in record.outputs {
                let value = try #require(reference(output.name, at: record.step))
                #expect(
                    output.value.formatted(significantDigits: 25) == value.formatted(significantDigits: 25),
                    "\(output.name)@\(record.step)")
            }
            compared += 1
        }
        #expect(compared == 5)  // steps 0, 10, 100, 1000, 10000
    }

    @Test func doubleDriftIsMeasured() throws {
        let records = try Trainer(fixture: tutorial()).run(steps: 10000, every: 1000)
        var drifted = false
        for record in records {
            guard let expected = reference("E_total", at: record.step) else { continue }
            let digits = independentAgreeingDigits(record.lossDouble, expected)
            #expect(record.agreeingDigits == digits, "step \(record.step): Double \(record.lossDouble)")
            if digits < 15 { drifted = true }
        }
        let last = try #require(records.last)
        let expected = try #require(reference("E_total", at: 10000))
        #expect(last.agreeingDigits == independentAgreeingDigits(last.lossDouble, expected))
        #expect(drifted, "after thousands of steps Double should have lost some digits")
    }

    @Test func readingsFallOnMultiplesAndTheLastStep() throws {
        let records = try Trainer(fixture: tutorial()).run(steps: 25, every: 10)
        #expect(records.map(\.step) == [0, 10, 20, 25])
        #expect(records.first?.outputs.map(\.name) == ["out_o1", "out_o2"])
    }

    @Test func trainedParametersAreCertifiedToNineDecimals() throws {
        let trainer = try Trainer(fixture: tutorial())
        for steps in [1, 10000] {
            let values = try trainer.parameterValues(after: steps, places: 9)
            #expect(values.count == 8)
            for index in 1...8 {
                let name = "w\(index)"
                let expected = try #require(reference(name, at: steps))
                #expect(values[name] == expected.decimalString(places: 9), "\(name)@\(steps)")
            }
        }
        #expect(try trainer.parameterValues(after: 1)["w5"] == "0.358916480")
        #expect(try trainer.parameterValues(after: 0)["w1"] == "0.150000000")
    }

    @Test func certifiedDecimalRefusesAnUndecidedBall() {
        let exact = Ball(Rational("0.1234567895")!)
        #expect(Trainer.certifiedDecimal(exact, places: 3) == "0.123")
        #expect(Trainer.certifiedDecimal(exact, places: 12) == "0.123456789500")
        // 0.1234567895 is a tie at 9 decimals and not a binary number: the ball straddles it.
        #expect(Trainer.certifiedDecimal(exact, places: 9) == nil)
    }
}
