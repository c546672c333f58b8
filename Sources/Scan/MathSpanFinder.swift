/// Finds the math spans of a block in one left-to-right pass, and the prose between them.
///
/// A delimiter without its closer is text, not math. The pass stays linear on any input: a
/// search for a closer that fails is remembered, so no later opener of that kind searches again.
struct MathSpanFinder {
    static let environments: Set<String> = [
        "equation", "equation*", "align", "align*", "aligned", "gather", "gather*", "multline", "multline*",
        "eqnarray", "eqnarray*", "displaymath", "math", "alignat", "alignat*", "flalign", "flalign*",
    ]
    static let alignedEnvironments: Set<String> = [
        "align", "align*", "aligned", "gather", "gather*", "eqnarray", "eqnarray*", "alignat", "alignat*",
        "flalign", "flalign*",
    ]

    let scalars: [Unicode.Scalar]
    /// For each closer searched in vain: the offset from which it is known to be absent.
    private var absent: [String: Int] = [:]

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    /// The spans in order, and the prose ranges between them.
    mutating func find() -> (spans: [MathSpan], prose: [Range<Int>]) {
        var spans: [MathSpan] = []
        var prose: [Range<Int>] = []
        var proseStart = 0
        var index = 0
        while index < scalars.count {
            guard let (span, end) = span(at: index) else {
                index += scalars[index] == "\\" ? 2 : 1
                continue
            }
            if proseStart < index { prose.append(proseStart..<index) }
            spans.append(span)
            index = end
            proseStart = end
        }
        if proseStart < scalars.count { prose.append(proseStart..<scalars.count) }
        return (spans, prose)
    }

    /// The span that opens at `index`, with the offset just past its closer.
    private mutating func span(at index: Int) -> (MathSpan, Int)? {
        let scalar = scalars[index]
        if scalar == "$" {
            if matches("$$", at: index) {
                guard let close = search("$$", from: index + 2) else { return nil }
                return (MathSpan(content: (index + 2)..<close, isDisplay: true, isAligned: false), close + 2)
            }
            return inlineDollar(at: index)
        }
        guard scalar == "\\", index + 1 < scalars.count else { return nil }
        switch scalars[index + 1] {
        case "(":
            guard let close = search("\\)", from: index + 2) else { return nil }
            return (MathSpan(content: (index + 2)..<close, isDisplay: false, isAligned: false), close + 2)
        case "[":
            guard let close = search("\\]", from: index + 2) else { return nil }
            return (MathSpan(content: (index + 2)..<close, isDisplay: true, isAligned: false), close + 2)
        case "b":
            return environment(at: index)
        default:
            return nil
        }
    }

    /// `$…$` within one paragraph: the opener not followed by a space, the closer not preceded by
    /// one nor followed by a digit (so prices like `$5 and $10` stay text).
    private func inlineDollar(at index: Int) -> (MathSpan, Int)? {
        guard index + 1 < scalars.count, !scalars[index + 1].properties.isWhitespace else { return nil }
        var cursor = index + 1
        var newlines = 0
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if scalar == "\n" {
                newlines += 1
                if newlines > 1 { return nil }
            } else if !scalar.properties.isWhitespace {
                newlines = 0
            }
            if scalar == "\\" {
                cursor += 2
                continue
            }
            if scalar == "$" {
                let before = scalars[cursor - 1]
                let after = cursor + 1 < scalars.count ? scalars[cursor + 1] : " "
                guard !before.properties.isWhitespace, !MathLexer.isDigit(after) else { return nil }
                return (MathSpan(content: (index + 1)..<cursor, isDisplay: false, isAligned: false), cursor + 1)
            }
            cursor += 1
        }
        return nil
    }

    /// `\begin{name}…\end{name}` for a math environment.
    private mutating func environment(at index: Int) -> (MathSpan, Int)? {
        guard matches("\\begin{", at: index) else { return nil }
        let nameStart = index + 7
        var cursor = nameStart
        while cursor < scalars.count, cursor - nameStart < 20, scalars[cursor] != "}" { cursor += 1 }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        let name = text(nameStart..<cursor)
        guard Self.environments.contains(name) else { return nil }
        let closer = "\\end{\(name)}"
        guard let close = search(closer, from: cursor + 1) else { return nil }
        let span = MathSpan(
            content: (cursor + 1)..<close, isDisplay: true, isAligned: Self.alignedEnvironments.contains(name))
        return (span, close + closer.unicodeScalars.count)
    }

    private func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    private func matches(_ pattern: String, at index: Int) -> Bool {
        var cursor = index
        for scalar in pattern.unicodeScalars {
            guard cursor < scalars.count, scalars[cursor] == scalar else { return false }
            cursor += 1
        }
        return true
    }

    /// The first offset from `start` where `pattern` occurs; a failure is remembered.
    private mutating func search(_ pattern: String, from start: Int) -> Int? {
        if let known = absent[pattern], known <= start { return nil }
        guard let first = pattern.unicodeScalars.first else { return nil }
        var cursor = start
        while cursor < scalars.count {
            if scalars[cursor] == first, matches(pattern, at: cursor) { return cursor }
            cursor += 1
        }
        absent[pattern] = start
        return nil
    }
}
