/// A problem found in a fixture, at a line and column (columns count Unicode scalars from 1).
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, the form editors and CI logs understand.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
