import Exact

extension SplitMix64 {
    /// A random rational: numerator and denominator up to 10¹², a random sign, and now and then
    /// a huge or tiny power of ten, a dyadic value (exact in binary), a small integer or zero.
    mutating func rational(nonzero: Bool = false) -> Rational {
        let limit = 1_000_000_000_000
        let numerator = Int.random(in: 1...limit, using: &self)
        let denominator = Int.random(in: 1...limit, using: &self)
        var value = Rational(numerator: BigInt(numerator), denominator: BigInt(denominator))!
        switch Int.random(in: 0..<10, using: &self) {
        case 0: value *= Rational.powerOfTen(Int.random(in: 12...80, using: &self))
        case 1: value *= Rational.powerOfTen(-Int.random(in: 12...80, using: &self))
        case 2: value = Rational(numerator).timesPowerOfTwo(-Int.random(in: 0...60, using: &self))
        case 3: value = Rational(Int.random(in: 1...9, using: &self))
        case 4 where !nonzero: value = 0
        default: break
        }
        return Bool.random(using: &self) ? -value : value
    }

    /// A random plain decimal string such as `-31.0072` or `0.000451`.
    mutating func decimalText() -> String {
        let digits = String(UInt64.random(in: 1...999_999_999_999, using: &self))
        let point = Int.random(in: 0...(digits.count + 6), using: &self)
        let padded = String(repeating: "0", count: max(point - digits.count + 1, 0)) + digits
        var text = padded
        if point > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -point)) }
        return (Bool.random(using: &self) ? "-" : "") + text
    }
}
