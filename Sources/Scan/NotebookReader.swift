/// A Jupyter notebook's readable text: each markdown cell is a block (read as Markdown), and each
/// text output of a code cell (`stream` text, `text/plain` data) a block read as plain text.
/// Code itself is not read.
enum NotebookReader {
    static func blocks(_ scalars: [Unicode.Scalar], file: String) throws(ScanError) -> [TextBlock] {
        var parser = NotebookParser(scalars)
        let root: NotebookJSON
        do { root = try parser.parse() } catch {
            throw ScanError(
                "\(file):\(error.line):\(error.column): error: not a notebook: invalid JSON: \(error.message)")
        }
        guard case .array(let cells)? = root["cells"] else {
            throw ScanError("\(file):1:1: error: not a notebook: no \"cells\" list")
        }
        var blocks: [TextBlock] = []
        for cell in cells {
            guard case .string(let type)? = cell["cell_type"] else { continue }
            let kind = String(String.UnicodeScalarView(type.scalars))
            if kind == "markdown", let source = cell["source"]?.joinedText {
                var text = source.scalars
                DocumentReader.blankCodeFences(&text)
                blocks.append(TextBlock(scalars: text, lineStarts: source.anchors))
            }
            guard kind == "code", case .array(let outputs)? = cell["outputs"] else { continue }
            for output in outputs {
                if let text = output["text"]?.joinedText ?? output["data"]?["text/plain"]?.joinedText {
                    blocks.append(TextBlock(scalars: text.scalars, lineStarts: text.anchors))
                }
            }
        }
        return blocks
    }
}
