/// Finds `NAME = NUMBER` written plainly in prose and comments (`I got dEo2/douth1= -0.017144288.`):
/// a name-like word, `=` (not `==`, `<=`, `:=`), and a number that ends there (not `0,25`, not `1/2`).
enum ProseClaimFinder {
    /// A claim's name and number, as block offsets.
    struct Found: Equatable {
        var name: Range<Int>
        var number: Range<Int>
    }

    static func find(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> [Found] {
        var found: [Found] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if scalars[index] == "=", let claim = claim(around: index, scalars, range) { found.append(claim) }
            index += 1
        }
        return found
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        MathLexer.isLetter(scalar) || MathLexer.isDigit(scalar) || "_{}/^+\\∂'".unicodeScalars.contains(scalar)
    }

    private static func claim(around equals: Int, _ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Found? {
        let before = equals > range.lowerBound ? scalars[equals - 1] : " "
        let after = equals + 1 < range.upperBound ? scalars[equals + 1] : " "
        guard !"=<>!:".unicodeScalars.contains(before), after != "=" else { return nil }
        var nameEnd = equals
        while nameEnd > range.lowerBound, scalars[nameEnd - 1] == " " || scalars[nameEnd - 1] == "\t" { nameEnd -= 1 }
        var nameStart = nameEnd
        while nameStart > range.lowerBound, nameEnd - nameStart < 80, isNameScalar(scalars[nameStart - 1]) {
            nameStart -= 1
        }
        guard nameStart < nameEnd,
            MathLexer.isLetter(scalars[nameStart]) || scalars[nameStart] == "\\"
                || scalars[nameStart] == "∂"
        else { return nil }
        guard let number = number(after: equals + 1, scalars, range) else { return nil }
        return Found(name: nameStart..<nameEnd, number: number)
    }

    /// A signed decimal that starts after spaces and ends at a space, the line's end or punctuation.
    private static func number(after start: Int, _ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int>? {
        var index = start
        while index < range.upperBound, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        let numberStart = index
        if index < range.upperBound, "-+−".unicodeScalars.contains(scalars[index]) { index += 1 }
        var digits = 0
        var points = 0
        while index < range.upperBound {
            let scalar = scalars[index]
            if MathLexer.isDigit(scalar) {
                digits += 1
            } else if scalar == ".", points == 0, index + 1 < range.upperBound, MathLexer.isDigit(scalars[index + 1]) {
                points += 1
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < range.upperBound {
            let next = scalars[index]
            let following = index + 1 < range.upperBound ? scalars[index + 1] : " "
            if MathLexer.isLetter(next) || next == "/" || next == "_" || next == "^" { return nil }
            if (next == "," || next == ".") && MathLexer.isDigit(following) { return nil }
        }
        return numberStart..<index
    }
}
