/// A piece of math in a block: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` or an equation environment.
struct MathSpan: Sendable, Equatable {
    /// The math itself, without its delimiters (block offsets).
    var content: Range<Int>
    /// Display math (`$$`, `\[`, an environment) rather than inline.
    var isDisplay: Bool
    /// An `align`-like environment: one chain per line, `&` marks alignment.
    var isAligned: Bool
}
