import Exact
import Foundation
import Testing

@Suite("BigInt")
struct BigIntTests {
    @Test func parsing() {
        #expect(BigInt("123")?.description == "123")
        #expect(BigInt("-0042")?.description == "-42")
        #expect(BigInt("+7") == 7)
        #expect(BigInt("123456789012345678901234567890")?.description == "123456789012345678901234567890")
        for bad in ["", "-", "+", "1.5", "12a", "--1", " 1", "١٢"] { #expect(BigInt(bad) == nil, "\(bad)") }
    }

    @Test func arithmetic() {
        let big = BigInt.powerOfTen(30)
        #expect((big + 1).description == "1000000000000000000000000000001")
        #expect((big - big) == 0)
        #expect((big * big) == BigInt.powerOfTen(60))
        #expect((-big).signum == -1 && big.signum == 1 && BigInt(0).signum == 0)
        #expect((-big).magnitude == big)
        let (q, r) = BigInt(-7).quotientAndRemainder(dividingBy: 2)
        #expect(q == -3 && r == -1)
        #expect(BigInt(-12).exactInt == -12 && big.exactInt == nil)
        #expect(BigInt(0).decimalDigitCount == 1 && BigInt(-999).decimalDigitCount == 3 && big.decimalDigitCount == 31)
        #expect(BigInt(-5) < 3 && BigInt(3) > -5 && big > BigInt(Int.max))
        #expect(BigInt.powerOfTen(0) == 1)
    }

    @Test func valueSemantics() {
        let original = BigInt(10)
        var copy = original
        copy += 5
        #expect(original == 10 && copy == 15)
        copy -= 20
        copy *= copy
        #expect(original == 10 && copy == 25)
    }

    @Test func hashable() {
        let a = BigInt.powerOfTen(25)
        let b = BigInt("10000000000000000000000000")!
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([a, b, BigInt(1)]).count == 2)
    }

    @Test func codableAndStringRoundTrip() throws {
        for value in [BigInt(0), BigInt(-1), BigInt.powerOfTen(40) + 17, -BigInt.powerOfTen(19)] {
            let data = try JSONEncoder().encode([value])
            #expect(try JSONDecoder().decode([BigInt].self, from: data) == [value])
            #expect(BigInt(value.description) == value)
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([BigInt].self, from: Data(#"["1.5"]"#.utf8)) }
    }
}
