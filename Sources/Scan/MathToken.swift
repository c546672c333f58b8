/// One token of LaTeX math as a post writes it, with where it stands in its block.
struct MathToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Digits with at most one decimal point: `0.75136507`, `.5`, `2`.
        case number(String)
        /// A run of letters and digits that starts with a letter: `net`, `h1`, `η`, `neth1`.
        case word(String)
        /// `\frac`, `\partial`, `\\` (a line break), `\{`: the name without its backslash.
        case command(String)
        /// One character of punctuation or an operator, after normalising (`−` is `-`, `·` is `*`).
        case symbol(Character)
    }

    var kind: Kind
    /// Offset of the token's first scalar in its block.
    var start: Int
    /// Offset just past its last scalar.
    var end: Int

    func isSymbol(_ character: Character) -> Bool { kind == .symbol(character) }
    func isCommand(_ name: String) -> Bool { kind == .command(name) }

    var word: String? {
        if case .word(let text) = kind { return text }
        return nil
    }
}
