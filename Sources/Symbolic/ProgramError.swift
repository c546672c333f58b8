import Exact

/// An evaluation of a `Program` that failed, with the definition it failed in when known.
public struct ProgramError: Error, Sendable, CustomStringConvertible {
    public var error: EnclosureError
    public var definition: String?

    @inlinable
    public init(error: EnclosureError, definition: String?) {
        self.error = error
        self.definition = definition
    }

    public var description: String {
        definition.map { "\(error) (in '\($0)')" } ?? error.description
    }
}
