import CGMP

extension Rational {
    /// The nearest multiple of `10^place` under `rule`.
    public func rounded(toPlace place: Int, rule: RoundingRule = .halfEven) -> Rational {
        let unit = Rational.powerOfTen(place)
        let scaled = self / unit
        return Rational(scaled.roundedToInteger(rule: rule)) * unit
    }

    /// The integer nearest to `self` under `rule`.
    public func roundedToInteger(rule: RoundingRule) -> BigInt {
        let down = floor
        let fraction = self - Rational(down)
        switch rule {
        case .towardZero:
            return signum < 0 && fraction.signum != 0 ? down + 1 : down
        case .halfUp, .halfEven:
            let half = Rational.half
            if fraction < half { return down }
            if fraction > half { return down + 1 }
            if rule == .halfUp { return signum < 0 ? down : down + 1 }
            return down.isEven ? down : down + 1
        }
    }

    /// `floor(log10 |self|)`: the power of ten of the leading digit; `nil` for zero.
    public var decimalExponent: Int? {
        guard signum != 0 else { return nil }
        let size = magnitude
        var estimate = numerator.magnitude.decimalDigitCount - denominator.decimalDigitCount
        while Rational.powerOfTen(estimate) > size { estimate -= 1 }
        while Rational.powerOfTen(estimate + 1) <= size { estimate += 1 }
        return estimate
    }

    /// Positional decimal text rounded to `10^-places` under `rule`, with `max(places, 0)` digits
    /// after the point.
    public func decimalString(places: Int, rule: RoundingRule = .halfEven) -> String {
        let shown = max(places, 0)
        let scaled = rounded(toPlace: -places, rule: rule) * Rational.powerOfTen(shown)
        var digits = scaled.numerator.magnitude.description
        if shown > 0 {
            if digits.count <= shown { digits = String(repeating: "0", count: shown - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -shown))
        }
        return (scaled.signum < 0 ? "-" : "") + digits
    }

    /// `significantDigits` digits, rounded under `rule`: positional for moderate magnitudes
    /// (`0.0000351085`), scientific beyond them (`3.51085e-12`).
    public func formatted(significantDigits: Int, rule: RoundingRule = .halfEven) -> String {
        formatted(significantDigits: significantDigits, rule: rule, timesTenToThe: 0)
    }

    /// `(self · 10^shift).formatted(significantDigits:rule:)` without computing 10^shift when the
    /// result is in scientific form, so a moderate value can stand for a huge or tiny one.
    public func formatted(
        significantDigits: Int, rule: RoundingRule = .halfEven,
        timesTenToThe shift: Int
    ) -> String {
        let digits = max(significantDigits, 1)
        guard var exponent = decimalExponent else { return "0" }
        var rounded = self.rounded(toPlace: exponent - digits + 1, rule: rule)
        if let roundedExponent = rounded.decimalExponent, roundedExponent != exponent {
            exponent = roundedExponent
            rounded = self.rounded(toPlace: exponent - digits + 1, rule: rule)
        }
        if exponent + shift >= -7 && exponent + shift < 21 {
            let places = digits - 1 - exponent - shift
            return (rounded * Rational.powerOfTen(shift)).decimalString(places: places, rule: rule)
        }
        let mantissa = (rounded / Rational.powerOfTen(exponent)).decimalString(places: digits - 1, rule: rule)
        return "\(mantissa)e\(exponent + shift)"
    }
}

extension BigInt {
    var isEven: Bool { withPointer { __gmpz_tstbit($0, 0) == 0 } }
}

extension Rational: LosslessStringConvertible, CustomStringConvertible {
    /// `-12` for integers, `3/7` otherwise: exact and readable back by `init?(_:)`.
    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Reads an integer, a decimal (`0.05`, `-1.5e-3`, `.5`) or a fraction (`3/7`) exactly.
    public init?(_ description: String) {
        guard let literal = try? DecimalLiteral(parsing: description) else { return nil }
        self = literal.value
    }
}

extension Rational: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Rational(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a number: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
