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
    /// Several samples, when the fixture has a `[data]` section.
    public var data: DataSet?

    /// A fixture as read from a file, or made by a tool (a scanned post's claims on a model).
    public init(
        file: String, model: Model, network: Network? = nil, training: TrainingSpec? = nil, claims: [Claim] = [],
        lines: [String: Int] = [:], data: DataSet? = nil
    ) {
        self.file = file
        self.model = model
        self.network = network
        self.training = training
        self.claims = claims
        self.lines = lines
        self.data = data
    }

    /// How many samples the training data has (1 without a `[data]` section).
    public var sampleCount: Int { data?.samples.count ?? 1 }
}
