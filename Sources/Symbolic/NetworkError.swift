/// A mismatch between the parts of the `[network]` shorthand, naming the key at fault.
public struct NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
