import Exact

/// The `[data]` section (fixture format, version 2): givens that take each sample's values in
/// turn, one row of exact values per sample.
public struct DataSet: Sendable {
    /// The givens the header names, in the model's spelling.
    public var names: [String]
    /// One row per sample, in the header's order.
    public var samples: [[Rational]]

    public init(names: [String], samples: [[Rational]]) {
        self.names = names
        self.samples = samples
    }

    /// Sample `s` (from 1) as given values.
    public func values(ofSample s: Int) -> [String: Rational] {
        guard samples.indices.contains(s - 1) else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(names, samples[s - 1]))
    }
}
