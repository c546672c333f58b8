import Exact
import Testing

@Suite("Escalation")
struct EscalationTests {
    @Test func precisionsDouble() {
        #expect(Escalation(initial: 128, cap: 1024).precisions == [128, 256, 512, 1024])
        #expect(Escalation(initial: 100, cap: 1000).precisions == [100, 200, 400, 800, 1000], "the cap is tried too")
        #expect(Escalation(initial: 0, cap: 0).precisions == [2])
        #expect(Escalation(initial: 512, cap: 64).precisions == [512])
        #expect(Escalation.standard.precisions == [128, 256, 512, 1024, 2048])
        #expect(Escalation.training.precisions.last == 4096)
    }

    @Test func decidedAtTheFirstPrecisionThatAnswers() {
        var tried: [Int] = []
        let decision = Escalation.standard.decide { precision -> String? in
            tried.append(precision)
            return precision >= 512 ? "yes" : nil
        }
        #expect(decision == .decided("yes", precision: 512))
        #expect(decision.answer == "yes")
        #expect(tried == [128, 256, 512])
    }

    @Test func undecidedAtTheCap() {
        var tried: [Int] = []
        let decision = Escalation.standard.decide { precision -> Bool? in
            tried.append(precision)
            return nil
        }
        #expect(decision == .undecided(precision: Escalation.standard.cap))
        #expect(decision.answer == nil)
        #expect(tried == [128, 256, 512, 1024, 2048])
    }

    @Test func errorsPropagate() {
        #expect(throws: EnclosureError.divisionByZero) {
            try Escalation.standard.decide { (precision: Int) throws(EnclosureError) -> Int? in
                _ = try Ball(1, precision: precision) / Ball(0, precision: precision)
                return 1
            }
        }
    }

    @Test func retryableErrorsMoveOnUntilTheCap() throws {
        var tried: [Int] = []
        let decision = try Escalation(initial: 100, cap: 1000).decide { precision throws(EnclosureError) -> Int? in
            tried.append(precision)
            if precision < 1000 { throw .tooWide }
            return precision
        }
        #expect(decision == .decided(1000, precision: 1000))
        #expect(tried == [100, 200, 400, 800, 1000])
        #expect(throws: EnclosureError.tooWide) {
            try Escalation(initial: 100, cap: 400).decide { (_: Int) throws(EnclosureError) -> Int? in throw .tooWide }
        }
    }

    @Test func decidesARealQuestion() throws {
        // Is 0.1 + 0.2 − 0.3 > 0? No: it is exactly 0; but sqrt(2)² − 2 cannot be seen to be 0 at
        // any precision, while tanh(20) < 1 needs ~58 bits and is settled at the first attempt.
        let tanh = try Escalation(initial: 16, cap: 4096).decide { precision throws(EnclosureError) -> Bool? in
            let value = try Ball(20, precision: precision).applying(.tanh)
            return value.upper < 1 ? true : nil
        }
        #expect(tanh == .decided(true, precision: 64))
        let root = try Escalation(initial: 64, cap: 1024).decide { precision throws(EnclosureError) -> Int? in
            let two = Ball(2, precision: precision)
            let square = try two.applying(.sqrt).power(2) - two
            return square.sign
        }
        #expect(root == .undecided(precision: 1024))
    }
}
