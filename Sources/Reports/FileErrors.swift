import Fixture

/// The JSON of a file that could not be checked, `{"file", "errors": [{line, column, message}]}`,
/// so that a JSON consumer of `check` sees every file it named, the bad ones too.
public enum FileErrors {
    /// One problem; `line` and `column` are `nil` when the file itself could not be read.
    public struct Entry: Sendable {
        public var line: Int?
        public var column: Int?
        public var message: String

        public init(line: Int?, column: Int?, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    public static func json(file: String, errors: [Entry]) -> JSONValue {
        .object([
            ("file", .string(file)),
            (
                "errors",
                .array(
                    errors.map { entry in
                        .object([
                            ("line", entry.line.map { .number("\($0)") } ?? .null),
                            ("column", entry.column.map { .number("\($0)") } ?? .null),
                            ("message", .string(entry.message)),
                        ])
                    })
            ),
        ])
    }

    /// The problems the reader or the checker found in a file.
    public static func json(file: String, diagnostics: [Diagnostic]) -> JSONValue {
        json(file: file, errors: diagnostics.map { Entry(line: $0.line, column: $0.column, message: $0.message) })
    }
}
