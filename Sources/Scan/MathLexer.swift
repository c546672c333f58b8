/// Splits math into tokens in one pass, normalising what people paste: `−` (U+2212) is a minus,
/// `·`, `×` and `⋅` are `*`, `∂` is `\partial`, `⁺` is `^+`, `₁` is `_1`, `²` is `^2`. Spacing
/// (`\,`, `\;`, `\!`, `\:`, `~`, `\ `) is dropped; `\quad` is kept (it may separate statements).
enum MathLexer {
    /// The tokens of `scalars[range]`; offsets are those of the block.
    static func tokens(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> [MathToken] {
        var tokens: [MathToken] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            let start = index
            if scalar.properties.isWhitespace || scalar == "~" {
                index += 1
            } else if isDigit(scalar) || (scalar == "." && index + 1 < range.upperBound && isDigit(scalars[index + 1]))
            {
                let text = number(scalars, from: &index, limit: range.upperBound)
                tokens.append(MathToken(kind: .number(text), start: start, end: index))
            } else if isLetter(scalar) {
                while index < range.upperBound, isLetter(scalars[index]) || isDigit(scalars[index]) { index += 1 }
                tokens.append(MathToken(kind: .word(text(scalars, start..<index)), start: start, end: index))
            } else if scalar == "\\" {
                if let token = command(scalars, from: &index, limit: range.upperBound) { tokens.append(token) }
            } else {
                index += 1
                tokens += symbol(scalar, start: start)
            }
        }
        return tokens
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar.properties.numericType != nil }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic && !superscripts.keys.contains(scalar) && !subscripts.keys.contains(scalar)
    }

    private static func text(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    private static func number(_ scalars: [Unicode.Scalar], from index: inout Int, limit: Int) -> String {
        let start = index
        var seenPoint = false
        while index < limit {
            let scalar = scalars[index]
            if isDigit(scalar) {
                index += 1
            } else if scalar == ".", !seenPoint, index + 1 < limit, isDigit(scalars[index + 1]) {
                seenPoint = true
                index += 1
            } else {
                break
            }
        }
        return text(scalars, start..<index)
    }

    /// `\name` or `\` and one character; spacing commands give no token.
    private static func command(_ scalars: [Unicode.Scalar], from index: inout Int, limit: Int) -> MathToken? {
        let start = index
        index += 1
        guard index < limit else { return MathToken(kind: .command(""), start: start, end: index) }
        if scalars[index].isASCII, scalars[index].properties.isAlphabetic {
            while index < limit, scalars[index].isASCII, scalars[index].properties.isAlphabetic { index += 1 }
        } else {
            index += 1
        }
        let name = text(scalars, (start + 1)..<index)
        if dropped.contains(name) {
            return nil
        }
        return MathToken(kind: .command(name), start: start, end: index)
    }

    /// Spacing and sizing commands, which change nothing a scan reads.
    static let dropped: Set<String> = [
        ",", ";", "!", ":", " ", ">", "thinspace", "medspace", "thickspace", "displaystyle", "textstyle", "big",
        "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
    ]

    private static let superscripts: [Unicode.Scalar: String] = [
        "⁺": "+", "⁻": "-", "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
        "⁸": "8", "⁹": "9",
    ]
    private static let subscripts: [Unicode.Scalar: String] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
    ]
    private static let operators: [Unicode.Scalar: Character] = [
        "−": "-", "–": "-", "·": "*", "×": "*", "⋅": "*", "∗": "*", "÷": "/", "＝": "=",
    ]

    private static func symbol(_ scalar: Unicode.Scalar, start: Int) -> [MathToken] {
        let end = start + 1
        if let digit = superscripts[scalar] {
            let kind: MathToken.Kind = digit == "+" || digit == "-" ? .symbol(Character(digit)) : .number(digit)
            return [
                MathToken(kind: .symbol("^"), start: start, end: end), MathToken(kind: kind, start: start, end: end),
            ]
        }
        if let digit = subscripts[scalar] {
            return [
                MathToken(kind: .symbol("_"), start: start, end: end),
                MathToken(kind: .number(digit), start: start, end: end),
            ]
        }
        switch scalar {
        case "∂": return [MathToken(kind: .command("partial"), start: start, end: end)]
        case "≈": return [MathToken(kind: .command("approx"), start: start, end: end)]
        case "…": return [MathToken(kind: .command("dots"), start: start, end: end)]
        case "∑": return [MathToken(kind: .command("sum"), start: start, end: end)]
        case "←": return [MathToken(kind: .command("leftarrow"), start: start, end: end)]
        case "→": return [MathToken(kind: .command("to"), start: start, end: end)]
        default: return [MathToken(kind: .symbol(operators[scalar] ?? Character(scalar)), start: start, end: end)]
        }
    }
}
