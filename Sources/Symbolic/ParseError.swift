/// A syntax error in an expression, at a column counted in Unicode scalars from 1.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "\(column): \(message)" }
}
