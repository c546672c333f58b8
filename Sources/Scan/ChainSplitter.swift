/// Splits the tokens of a math span into chains of segments: lines (`\\` in an `align`, where a
/// line that starts with `=` continues the chain above), statements (a top-level `,`, `;` or
/// `\quad` when every part holds an `=`), chains (`\leftarrow`, `\to`, `:=` end one), and
/// segments (a top-level `=` or `\approx` separates two).
enum ChainSplitter {
    /// One chain: its segments, each a list of tokens (never empty).
    typealias Chain = [[MathToken]]

    static let enders: Set<String> = ["leftarrow", "gets", "to", "rightarrow", "Rightarrow", "implies", "mapsto"]
    static let dropped: Set<String> = ["nonumber", "notag", "displaystyle", "quad", "qquad"]
    static let labelled: Set<String> = ["label", "tag", "tag*"]
    static let innerAligned: Set<String> = ["aligned", "gathered", "split", "alignedat"]

    static func chains(_ tokens: [MathToken], aligned: Bool) -> [Chain] {
        var (cleaned, isAligned) = clean(tokens)
        isAligned = isAligned || aligned || cleaned.contains { $0.isCommand("\\") }
        var lines: [[MathToken]] = []
        for line in split(cleaned, where: { $0.isCommand("\\") }) {
            let body = line.filter { !$0.isSymbol("&") }
            guard !body.isEmpty else { continue }
            if isAligned, let first = body.first, first.isSymbol("="), !lines.isEmpty {
                lines[lines.count - 1] += body
            } else {
                lines.append(body)
            }
        }
        var chains: [Chain] = []
        for line in lines {
            for statement in statements(line) {
                for chain in split(statement, where: isEnder) {
                    let segments = split(chain, where: { $0.isSymbol("=") || $0.isCommand("approx") })
                        .map(trimmed)
                    if segments.count >= 2 || segments.first?.isEmpty == false { chains.append(segments) }
                }
            }
        }
        return chains
    }

    /// The tokens without labels, tags, `\nonumber`, and the `\begin{aligned}` wrappers (which
    /// make the span aligned); `:=` becomes a chain end.
    private static func clean(_ tokens: [MathToken]) -> ([MathToken], Bool) {
        var result: [MathToken] = []
        var aligned = false
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if case .command(let name) = token.kind, name == "begin" || name == "end" || labelled.contains(name) {
                var cursor = index + 1
                var words = ""
                if cursor < tokens.count, tokens[cursor].isSymbol("{") {
                    while cursor < tokens.count, !tokens[cursor].isSymbol("}") {
                        words += tokens[cursor].word ?? ""
                        cursor += 1
                    }
                    cursor += 1
                }
                if innerAligned.contains(words) { aligned = true }
                index = cursor
                continue
            }
            if case .command(let name) = token.kind, dropped.contains(name) {
                if name == "quad" || name == "qquad" {
                    result.append(MathToken(kind: .symbol(quad), start: token.start, end: token.end))
                }
                index += 1
                continue
            }
            if token.isSymbol(":"), index + 1 < tokens.count, tokens[index + 1].isSymbol("=") {
                result.append(MathToken(kind: .command("to"), start: token.start, end: tokens[index + 1].end))
                index += 2
                continue
            }
            result.append(token)
            index += 1
        }
        return (result, aligned)
    }

    private static func isEnder(_ token: MathToken) -> Bool {
        if case .command(let name) = token.kind { return enders.contains(name) }
        return false
    }

    /// What `\quad` becomes while statements are told apart.
    static let quad: Character = "\u{2003}"

    /// A line split at top-level `,`, `;` or `\quad` when every part holds a top-level `=`;
    /// otherwise whole, without its `\quad`s.
    private static func statements(_ line: [MathToken]) -> [[MathToken]] {
        let holdsEquals = { (part: [MathToken]) in split(part, where: { $0.isSymbol("=") }).count > 1 }
        for separators in [[",", ";", quad], [";", quad], [quad]] as [[Character]] {
            let parts = split(line, where: { token in separators.contains { token.isSymbol($0) } })
            if parts.count > 1, parts.allSatisfy(holdsEquals) { return parts.map { $0.filter { !$0.isSymbol(quad) } } }
        }
        return [line.filter { !$0.isSymbol(quad) }]
    }

    /// `tokens` split at the top-level tokens that `isSeparator` picks (brackets nest).
    static func split(_ tokens: [MathToken], where isSeparator: (MathToken) -> Bool) -> [[MathToken]] {
        var parts: [[MathToken]] = [[]]
        var depth = 0
        for token in tokens {
            if token.isSymbol("{") || token.isSymbol("(") || token.isSymbol("[") { depth += 1 }
            if token.isSymbol("}") || token.isSymbol(")") || token.isSymbol("]") { depth -= 1 }
            if depth == 0, isSeparator(token) {
                parts.append([])
            } else {
                parts[parts.count - 1].append(token)
            }
        }
        return parts
    }

    /// A segment without trailing punctuation (`= 0.3775.`, `= 0.3775,`).
    private static func trimmed(_ segment: [MathToken]) -> [MathToken] {
        var result = segment
        while let last = result.last, last.isSymbol(".") || last.isSymbol(",") || last.isSymbol(";") {
            result.removeLast()
        }
        return result
    }
}
