/// Something that watches a run's training steps and may change how its parameters are read:
/// `CentredTraining` re-centres them every step and widens them by a proved bound when read.
protocol TrainingObserver<Registers>: AnyObject {
    associatedtype Registers

    /// Hears that step `step` was just taken.
    func stepped(at step: Int) throws(RunError)
    /// Prepares for reading the parameters after `step` steps.
    func close(at step: Int) throws(RunError)
    /// Adjusts register `r` of `target`, just set from a trained parameter.
    func widen(_ target: Registers, at r: Int)
}
