import Exact

/// The `[training]` section: gradient descent on `loss` over `parameters` at `rate`.
public struct TrainingSpec: Sendable {
    public var loss: String
    public var parameters: [String]
    /// The learning rate: a number, or the name of a given.
    public var rate: Rate

    /// How many samples make a step (version 2; one sample without `[data]`).
    public var batch: Batch
    /// How a batch's per-sample losses combine; required with several samples.
    public var reduction: Reduction?

    public enum Rate: Sendable {
        case number(Rational)
        case name(String)
    }

    public enum Batch: Sendable, Hashable {
        /// Every sample in every step.
        case full
        /// Consecutive groups of this many samples from sample 1, the last possibly smaller, wrapping around.
        case size(Int)
    }

    public enum Reduction: String, Sendable, Hashable, CaseIterable {
        case sum, mean

        /// The other one: what the `reduction` mistake uses.
        public var other: Reduction { self == .sum ? .mean : .sum }
    }

    public init(loss: String, parameters: [String], rate: Rate, batch: Batch = .full, reduction: Reduction? = nil) {
        self.loss = loss
        self.parameters = parameters
        self.rate = rate
        self.batch = batch
        self.reduction = reduction
    }

    /// The samples (from 1) that step `step` (from 1) uses, for `count` samples.
    public func samples(ofStep step: Int, count: Int) -> ClosedRange<Int> {
        let size =
            switch batch {
            case .full: count
            case .size(let size): min(max(size, 1), count)
            }
        let groups = (count + size - 1) / size
        let group = (step - 1) % max(groups, 1)
        return (group * size + 1)...min(group * size + size, count)
    }
}
