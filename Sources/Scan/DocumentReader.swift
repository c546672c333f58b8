import Fixture

/// Turns a file's bytes into the blocks a scan reads: UTF-8 checked, a byte-order mark dropped,
/// and what is not prose or math (Markdown code fences, LaTeX comments) blanked out in place, so
/// every offset keeps its line and column.
enum DocumentReader {
    static func blocks(bytes: [UInt8], file: String, format: SourceFormat) throws(ScanError) -> [TextBlock] {
        var scalars = try decode(bytes, file: file)
        if scalars.first == "\u{FEFF}" { scalars[0] = " " }
        switch format {
        case .markdown:
            blankCodeFences(&scalars)
            return [TextBlock(scalars: scalars)]
        case .latex:
            blankComments(&scalars)
            return [TextBlock(scalars: scalars)]
        case .text:
            return [TextBlock(scalars: scalars)]
        case .notebook:
            return try NotebookReader.blocks(scalars, file: file)
        }
    }

    /// The text as scalars; invalid UTF-8 is an error at the first bad byte's line and column.
    static func decode(_ bytes: [UInt8], file: String) throws(ScanError) -> [Unicode.Scalar] {
        switch UTF8Text.scalars(of: bytes) {
        case .success(let scalars):
            return Array(scalars)
        case .failure(let bad):
            throw ScanError("\(file):\(bad.line):\(bad.column): error: invalid UTF-8: a post must be UTF-8 text")
        }
    }

    /// Blanks Markdown fenced code (```` ``` ```` or `~~~`), keeping ```` ```math ```` fences as `$$…$$`.
    static func blankCodeFences(_ scalars: inout [Unicode.Scalar]) {
        var lineStart = 0
        var fence: (marker: Unicode.Scalar, length: Int, isMath: Bool)?
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd, first - lineStart < 4, scalars[first] == " " { first += 1 }
            var run = first
            while run < lineEnd, scalars[run] == "`" || scalars[run] == "~", scalars[run] == scalars[first] { run += 1 }
            let length = run - first
            if let open = fence {
                if length >= open.length, scalars[first] == open.marker {
                    replace(&scalars, lineStart..<lineEnd, with: open.isMath ? "$$" : "")
                    fence = nil
                } else if !open.isMath {
                    replace(&scalars, lineStart..<lineEnd, with: "")
                }
            } else if length >= 3 {
                let info = String(String.UnicodeScalarView(scalars[run..<lineEnd])).trimmingSpaces
                fence = (scalars[first], length, info == "math")
                replace(&scalars, lineStart..<lineEnd, with: info == "math" ? "$$" : "")
            }
            lineStart = lineEnd + 1
        }
    }

    /// Blanks LaTeX comments: an unescaped `%` to the end of its line.
    static func blankComments(_ scalars: inout [Unicode.Scalar]) {
        var index = 0
        var inComment = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                inComment = false
            } else if inComment {
                scalars[index] = " "
            } else if scalar == "\\" {
                index += 1
            } else if scalar == "%" {
                inComment = true
                scalars[index] = " "
            }
            index += 1
        }
    }

    /// Overwrites `range` with `text` then spaces (newlines are never inside `range`).
    private static func replace(_ scalars: inout [Unicode.Scalar], _ range: Range<Int>, with text: String) {
        var replacement = Array(text.unicodeScalars.prefix(range.count))
        replacement += Array(repeating: " ", count: range.count - replacement.count)
        scalars.replaceSubrange(range, with: replacement)
    }
}

extension String {
    var trimmingSpaces: String {
        String(
            String.UnicodeScalarView(
                unicodeScalars.drop(while: { $0.properties.isWhitespace }).reversed()
                    .drop(while: { $0.properties.isWhitespace }).reversed()))
    }
}
