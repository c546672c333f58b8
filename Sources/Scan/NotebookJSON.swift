/// Just enough JSON for a Jupyter notebook, read without recursion (an explicit stack, nesting
/// limited to `depthLimit`), with where each piece of every string stands in the file.
indirect enum NotebookJSON: Sendable {
    case string(Text)
    case array([NotebookJSON])
    case object([String: NotebookJSON])
    /// A number, `true`, `false` or `null`: nothing a scan reads.
    case scalar

    /// A string's scalars, with anchors: the file line and column of the string's first scalar
    /// and of the scalar after each escape (so columns stay right after `\"` or `\n`).
    struct Text: Sendable {
        var scalars: [Unicode.Scalar] = []
        var anchors: [TextBlock.LineStart] = []
    }

    static let depthLimit = 256

    subscript(key: String) -> NotebookJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A string, or an array of strings joined (how notebooks store `source` and `text`).
    var joinedText: Text? {
        switch self {
        case .string(let text): return text
        case .array(let items):
            var joined = Text()
            for case .string(let part) in items {
                let base = joined.scalars.count
                joined.anchors += part.anchors.map { .init(offset: $0.offset + base, line: $0.line, column: $0.column) }
                joined.scalars += part.scalars
            }
            return joined
        default: return nil
        }
    }
}

/// Why a notebook is not JSON, with where.
struct NotebookSyntaxError: Error {
    var line: Int
    var column: Int
    var message: String
}
