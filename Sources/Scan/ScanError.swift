/// Why a document could not be scanned at all: the file itself, not the math in it (math the
/// scan cannot read is skipped and listed, never an error).
public struct ScanError: Error, Sendable, CustomStringConvertible {
    /// `FILE:LINE:COLUMN: error: …` or `Error: …`, ready for standard error.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
