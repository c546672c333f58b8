/// A run of a document's text that math may span, as Unicode scalars, with where each of its
/// lines starts in the file (a notebook cell's lines sit at different places of the `.ipynb`).
struct TextBlock: Sendable {
    /// The text; code the scan must not read is already blanked out (spaces, newlines kept).
    var scalars: [Unicode.Scalar]
    /// For each line of the block: its offset in `scalars`, and the file line and column of its first scalar.
    var lineStarts: [LineStart]

    struct LineStart: Sendable {
        var offset: Int
        var line: Int
        var column: Int
    }

    /// A block whose lines are the file's own lines from `firstLine`, column 1.
    init(scalars: [Unicode.Scalar], firstLine: Int = 1) {
        self.scalars = scalars
        var starts = [LineStart(offset: 0, line: firstLine, column: 1)]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(LineStart(offset: offset + 1, line: firstLine + starts.count, column: 1))
        }
        lineStarts = starts
    }

    init(scalars: [Unicode.Scalar], lineStarts: [LineStart]) {
        self.scalars = scalars
        self.lineStarts = lineStarts.isEmpty ? [LineStart(offset: 0, line: 1, column: 1)] : lineStarts
    }

    /// The file line and column (Unicode scalars from 1) of the scalar at `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        let start = lineStarts[low]
        return (start.line, start.column + max(offset - start.offset, 0))
    }

    /// The text of `range`, clamped to the block.
    func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[clamped])
        return String(view)
    }
}
