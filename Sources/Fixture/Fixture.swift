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

    /// A fixture made by a tool rather than read from a file (a scanned post's claims on a model).
    public init(
        file: String, model: Model, network: Network?, training: TrainingSpec?, claims: [Claim], lines: [String: Int]
    ) {
        self.file = file
        self.model = model
        self.network = network
        self.training = training
        self.claims = claims
        self.lines = lines
    }
}
