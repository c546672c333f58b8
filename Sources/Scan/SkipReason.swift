/// Why a piece of math is skipped rather than guessed: `\sum over an index`, `an ellipsis`,
/// `unknown name 'w_{ho}'`.
struct SkipReason: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    /// Where the reason applies (a block offset), when it is narrower than the segment.
    var offset: Int?

    init(_ message: String, at offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    var description: String { message }
}
