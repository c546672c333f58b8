/// Where an exact value first departs from a printed number: the digit a reader should look at.
///
/// Both are read as decimal digits with their place values (`0.0000351085` and `3.51085e-5` put
/// the 3 in the same place), so the mark lands on the first place, within the printed number's
/// digits, where the two differ.
enum DigitMark {
    /// A decimal numeral's digits, each with its place (the power of ten it counts) and its
    /// position (a `Character` offset) in the text.
    struct Digits {
        var negative: Bool
        var digits: [(digit: Character, place: Int, offset: Int)]
    }

    /// The offset, in `exact`'s characters, of its first digit that differs from `printed`'s digit
    /// in the same place; `nil` when they agree on every printed digit or either is not a decimal.
    static func firstDifference(printed: String, exact: String) -> Int? {
        guard let shown = digits(of: printed), let truth = digits(of: exact) else { return nil }
        let significant = truth.digits.drop { $0.digit == "0" }
        guard let first = significant.first ?? truth.digits.last else { return nil }
        if shown.negative != truth.negative { return first.offset }
        let printedPlaces = Dictionary(
            shown.digits.map { ($0.place, $0.digit) }, uniquingKeysWith: { first, _ in first })
        guard let lowest = shown.digits.map(\.place).min() else { return nil }
        for entry in truth.digits where entry.place >= lowest {
            if (printedPlaces[entry.place] ?? "0") != entry.digit { return entry.offset }
        }
        return nil
    }

    /// Reads `-0.0190`, `3.51085e-5`, `−12`; `nil` for anything else (a rational `1/3`, a formula).
    static func digits(of text: String) -> Digits? {
        let characters = Array(text)
        var index = 0
        var negative = false
        if let sign = characters.first, sign == "-" || sign == "−" || sign == "+" {
            negative = sign != "+"
            index = 1
        }
        var raw: [(Character, Int)] = []
        var pointAt: Int?
        while index < characters.count, characters[index].isASCII,
            characters[index].isNumber || characters[index] == "."
        {
            if characters[index] == "." {
                guard pointAt == nil else { return nil }
                pointAt = raw.count
            } else {
                raw.append((characters[index], index))
            }
            index += 1
        }
        var exponent = 0
        if index < characters.count {
            guard characters[index] == "e" || characters[index] == "E",
                let value = Int(String(characters[(index + 1)...]))
            else { return nil }
            exponent = value
        }
        guard !raw.isEmpty else { return nil }
        let integerDigits = pointAt ?? raw.count
        let placed = raw.enumerated().map { position, entry in
            (digit: entry.0, place: integerDigits - 1 - position + exponent, offset: entry.1)
        }
        return Digits(negative: negative, digits: placed)
    }
}
