/// A number as somebody wrote it: its exact value and the precision its digits claim.
///
/// `0.75136507` claims 8 decimal places, `3.51085e-5` six significant digits (its last place is
/// 10⁻¹⁰), `-12` unit precision; a fraction `a/b` claims its exact value.
public struct DecimalLiteral: Sendable, Hashable, CustomStringConvertible {
    /// The exact value: a decimal is a rational with a power-of-ten denominator.
    public let value: Rational
    /// The power of ten of the last printed digit, or `nil` for an exact fraction `a/b`.
    public let lastPlace: Int?
    /// How many significant digits were printed (leading zeros do not count).
    public let significantDigits: Int
    /// The text exactly as written.
    public let text: String

    public var description: String { text }

    /// One unit in the last printed place, `10^lastPlace`.
    public var unit: Rational? { lastPlace.map(Rational.powerOfTen) }

    /// The largest decimal exponent accepted; beyond it a literal is rejected rather than
    /// expanded into an enormous integer.
    public static let exponentLimit = 10_000

    /// Why a literal could not be read.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case unexpected(Character, offset: Int)
        case exponentOutOfRange
        case zeroDenominator
        /// `0,298371109`: a comma where the format reads a point; `suggestion` is the number with one.
        case decimalComma(suggestion: String)

        public var description: String {
            switch self {
            case .empty: "expected a number"
            case .unexpected(let character, _): "unexpected '\(character)' in number"
            case .exponentOutOfRange: "exponent out of range (at most ±\(DecimalLiteral.exponentLimit))"
            case .zeroDenominator: "zero denominator in fraction"
            case .decimalComma(let suggestion): "a decimal comma: write '\(suggestion)' with a decimal point"
            }
        }
    }

    /// Reads `0.05`, `-1.5e-3`, `.5`, `+7`, `3/7` and `-1/2` exactly; `−` (U+2212) is a minus sign.
    public init(parsing text: some StringProtocol) throws(ParseError) {
        let characters = Array(text)
        guard !characters.isEmpty else { throw .empty }
        if let slash = characters.firstIndex(of: "/") {
            let numerator = try Self.integerPart(characters[..<slash], offset: 0, signed: true)
            let denominator = try Self.integerPart(characters[(slash + 1)...], offset: slash + 1, signed: false)
            guard let value = Rational(numerator: numerator, denominator: denominator) else { throw .zeroDenominator }
            self.value = value
            self.lastPlace = nil
            self.significantDigits = 0
            self.text = String(text)
            return
        }
        var index = 0
        var negative = false
        if characters[0] == "-" || characters[0] == "−" || characters[0] == "+" {
            negative = characters[0] != "+"
            index = 1
        }
        let (digits, fractionDigits) = Self.mantissa(characters, from: &index)
        if index + 1 < characters.count, characters[index] == ",", !digits.isEmpty, characters[index + 1].isNumber {
            throw .decimalComma(suggestion: String(text.map { $0 == "," ? "." : $0 }))
        }
        guard !digits.isEmpty else {
            throw index < characters.count ? .unexpected(characters[index], offset: index) : .empty
        }
        var exponent = 0
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            exponent = try Self.exponent(characters, marker: index)
            index = characters.count
        }
        guard index == characters.count else { throw .unexpected(characters[index], offset: index) }
        guard let magnitude = BigInt(digits) else { throw .empty }
        let place = exponent - fractionDigits
        var value = Rational(magnitude) * Rational.powerOfTen(place)
        if negative { value = -value }
        self.value = value
        self.lastPlace = place
        self.significantDigits = max(digits.drop(while: { $0 == "0" }).count, 1)
        self.text = String(text)
    }

    /// The digits of a decimal's mantissa from `index` on, with how many follow the point; leaves
    /// `index` at the first character that is neither a digit nor the first point.
    private static func mantissa(_ characters: [Character], from index: inout Int) -> (
        digits: String, fractionDigits: Int
    ) {
        var digits = ""
        var fractionDigits = 0
        var seenPoint = false
        while index < characters.count {
            let character = characters[index]
            if character.isASCII, character.isNumber {
                digits.append(character)
                if seenPoint { fractionDigits += 1 }
            } else if character == ".", !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        return (digits, fractionDigits)
    }

    /// The exponent after the `e` or `E` at `marker`, which runs to the end of the text and must
    /// be an integer within `exponentLimit`.
    private static func exponent(_ characters: [Character], marker: Int) throws(ParseError) -> Int {
        let exponentText = characters[(marker + 1)...].map { $0 == "−" ? "-" : $0 }[...]
        guard let parsed = Int(String(exponentText)), exponentText.allSatisfy({ $0.isASCII }) else {
            let bad = exponentText.first(where: { !($0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+")) })
            if let bad, let offset = characters[(marker + 1)...].firstIndex(of: bad) {
                throw .unexpected(bad, offset: offset)
            }
            throw exponentText.count > 6 ? .exponentOutOfRange : .unexpected(characters[marker], offset: marker)
        }
        guard abs(parsed) <= Self.exponentLimit else { throw .exponentOutOfRange }
        return parsed
    }

    private static func integerPart(_ characters: ArraySlice<Character>, offset: Int, signed: Bool) throws(ParseError)
        -> BigInt
    {
        var body = characters
        if signed, let first = body.first, first == "-" || first == "−" || first == "+" { body = body.dropFirst() }
        guard !body.isEmpty else { throw .empty }
        if let bad = body.first(where: { !($0.isASCII && $0.isNumber) }), let at = characters.firstIndex(of: bad) {
            throw .unexpected(bad, offset: at - characters.startIndex + offset)
        }
        let negative = characters.first == "-" || characters.first == "−"
        guard let integer = BigInt((negative ? "-" : "") + String(body)) else { throw .empty }
        return integer
    }
}
