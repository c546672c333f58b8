/// A syntax error in an expression, at a column counted in Unicode scalars from 1.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = Self.shortened(message)
        self.column = column
    }

    /// The message with every quoted piece of input ('…') longer than 60 characters cut to its
    /// first 40, so that echoing a megabyte-long name does not bury what went wrong.
    public static func shortened(_ message: String) -> String {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count > 2 else { return message }
        return parts.enumerated().map { index, part in
            index % 2 == 1 && index < parts.count - 1 && part.count > 60 ? part.prefix(40) + "…" : part
        }.joined(separator: "'")
    }

    public var description: String { "\(column): \(message)" }
}
