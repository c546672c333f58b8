/// What a claim is about: a name or a derivative, at a training step.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public enum Target: Hashable, Sendable {
        case name(String)
        case derivative(of: String, by: String)
    }

    public var target: Target
    /// Training steps taken before the value is read (0: the untrained model).
    public var step: Int
    /// How the step was written: `w5+` rather than `w5@1`, or no step at all.
    public var notation: Notation
    /// The sample (from 1) the quantity is read on, `QUANTITY[s]`; `nil` for the training loss over
    /// all samples, and in fixtures with one sample.
    public var sample: Int?

    public enum Notation: Hashable, Sendable { case none, at, plus }

    public init(_ target: Target, step: Int = 0, notation: Notation = .none, sample: Int? = nil) {
        self.target = target
        self.step = step
        self.notation = notation
        self.sample = sample
    }

    /// The same target at another step.
    public func at(step other: Int) -> Quantity {
        Quantity(target, step: other, notation: other == 0 ? .none : .at, sample: sample)
    }

    public var targetDescription: String {
        switch target {
        case .name(let name): name
        case .derivative(let a, let b): "d\(a)/d\(b)"
        }
    }

    /// As written in the report: `E_total@1`, `w5+`, `dE_total/dw5`, `out_o1[2]@3`.
    public var description: String {
        let onSample = targetDescription + (sample.map { "[\($0)]" } ?? "")
        switch notation {
        case .none where step == 0: return onSample
        case .plus where step == 1: return onSample + "+"
        default: return "\(onSample)@\(step)"
        }
    }
}
