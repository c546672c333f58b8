import Exact
import Testing

@testable import Checker

/// The rules that decide a printed number's verdict from certified bounds.
@Suite struct BoundsTests {
    static func literal(_ text: String) -> DecimalLiteral { try! DecimalLiteral(parsing: text) }
    static func point(_ text: String) -> Bounds { Bounds(exactly: literal(text).value) }

    @Test func correctRounding() {
        #expect(Self.point("0.5932699921").roundsTo(Self.literal("0.593269992")) == true)
        #expect(Self.point("0.5932699926").roundsTo(Self.literal("0.593269993")) == true)
        #expect(Self.point("0.5932699926").roundsTo(Self.literal("0.593269992")) == false)
        #expect(Self.point("-0.0190491182").roundsTo(Self.literal("-0.019049118")) == true)
        #expect(Self.point("0.4").roundsTo(Self.literal("0.40")) == true)
        #expect(Self.point("1234.4").roundsTo(Self.literal("1234")) == true)
        #expect(Self.point("3.51085e-5").roundsTo(Self.literal("3.5109e-5")) == true)
    }

    @Test func aTieMayGoEitherWay() {
        #expect(Self.point("0.5935").roundsTo(Self.literal("0.593")) == true)
        #expect(Self.point("0.5935").roundsTo(Self.literal("0.594")) == true)
        #expect(Self.point("0.5935").roundsTo(Self.literal("0.592")) == false)
    }

    @Test func rationalsClaimTheExactValue() {
        let third = Bounds(exactly: Rational(1) / Rational(3))
        #expect(third.roundsTo(Self.literal("1/3")) == true)
        #expect(third.roundsTo(Self.literal("2/6")) == true)
        #expect(third.roundsTo(Self.literal("1/4")) == false)
        #expect(third.truncatesTo(Self.literal("1/4")) == false)
        #expect(third.isOneUnitOff(Self.literal("1/4")) == false)
    }

    @Test func truncation() {
        #expect(Self.point("0.5939").truncatesTo(Self.literal("0.593")) == true)
        #expect(Self.point("0.5939").truncatesTo(Self.literal("0.594")) == false)
        #expect(Self.point("-0.5939").truncatesTo(Self.literal("-0.593")) == true, "toward zero")
        #expect(Self.point("-0.5939").truncatesTo(Self.literal("-0.594")) == false)
        #expect(Self.point("0.593").truncatesTo(Self.literal("0.593")) == true)
    }

    @Test func oneUnitOff() {
        #expect(Self.point("0.5932").isOneUnitOff(Self.literal("0.594")) == true)
        #expect(Self.point("0.5932").isOneUnitOff(Self.literal("0.592")) == true)
        #expect(Self.point("0.5932").isOneUnitOff(Self.literal("0.595")) == false)
        #expect(Self.point("-0.019049118").isOneUnitOff(Self.literal("-0.019049119")) == true)
    }

    @Test func floatingNoise() {
        let truth = Self.point("0.29131261245159090581822127282376592815")
        let double = 0.2913126124515909
        #expect(truth.isFloatingNoise(Self.literal("0.29131261245159094"), double: double) == true)
        #expect(truth.isFloatingNoise(Self.literal("0.29131261245159300"), double: double) == false)
        #expect(
            truth.isFloatingNoise(Self.literal("0.29131261245159"), double: double) == false,
            "14 significant digits are not floating")
    }

    @Test func wideBoundsLeaveItUndecided() throws {
        let third = try Ball(Rational(1), precision: 8) / Ball(Rational(3), precision: 8)
        let enclosure = Bounds(third)
        #expect(enclosure.lower < enclosure.upper)
        #expect(enclosure.roundsTo(Self.literal("0.3333")) == nil)
        #expect(enclosure.roundsTo(Self.literal("0.4")) == false)
        #expect(enclosure.roundsTo(Self.literal("0.3")) == true)
    }

    @Test func theVerdictTableOrder() {
        let carried = Self.point("0.1")
        func verdict(_ truth: String, _ printed: String) -> Verdict? {
            VerdictRules.verdict(
                Self.literal(printed), truth: Self.point(truth), carried: carried, double: Double(truth)!)
        }
        #expect(verdict("0.5939", "0.594") == .exact)
        #expect(verdict("0.5939", "0.593") == .truncated, "truncated comes before last-digit")
        #expect(verdict("0.5931", "0.594") == .lastDigit)
        #expect(verdict("0.5931", "0.1") == .carried)
        #expect(verdict("0.5931", "0.9") == .wrong)
        #expect(verdict("0.5931", "0.7") == .lastDigit, "0.6 is the rounding at one decimal")
    }
}
