/// Why a fixture cannot be trained.
public struct TrainingError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
