import Symbolic

/// A parsed fixture: the model, how it is trained, and the claims to check.
public struct Fixture: Sendable {
    /// The file name used in messages and reports.
    public var file: String
    public var model: Model
    /// The `[network]` shorthand, when the model came from one.
    public var network: Network?
    public var training: TrainingSpec?
    public var claims: [Claim]
    /// The line that gives or defines each name (for errors found while evaluating).
    public var lines: [String: Int]
}
