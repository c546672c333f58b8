/// How far the certified run of a check has got: training step `step` of `steps`, at `precision`
/// bits (a run that must be repeated at a higher precision starts again from step 1).
public struct CheckProgress: Sendable, Equatable {
    public var step: Int
    public var steps: Int
    public var precision: Int

    public init(step: Int, steps: Int, precision: Int) {
        self.step = step
        self.steps = steps
        self.precision = precision
    }
}
