/// The kinds of document a scan reads, told by the file's extension.
public enum SourceFormat: String, Sendable, CaseIterable {
    /// `.md`, `.markdown`: fenced code is not read, except ```` ```math ```` fences (display math).
    case markdown
    /// `.tex`: `%` comments are not read.
    case latex
    /// `.ipynb`: markdown cells, and the text outputs of code cells.
    case notebook
    /// Anything else: read as it is.
    case text

    public init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let suffix =
            name.split(separator: ".").count > 1 ? (name.split(separator: ".").last.map(String.init) ?? "") : ""
        switch suffix.lowercased() {
        case "md", "markdown", "mdown", "mkd": self = .markdown
        case "tex", "latex": self = .latex
        case "ipynb": self = .notebook
        default: self = .text
        }
    }
}
