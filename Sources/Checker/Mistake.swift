/// A mistake a learner can make, as a transformation of the model, its derivatives or its
/// training; the diagnosis re-evaluates a claim under each to see which reproduces it.
public enum Mistake: Hashable, Sendable, CustomStringConvertible {
    /// A layer's gradients taken with the already-updated weights of the layers after it.
    case sequential
    /// The value one step before or after the one claimed.
    case offByOne(step: Int)
    /// `used` put where `replaced` belongs in every derivative formula (the forward pass unchanged).
    case swapped(used: String, replaced: String)
    /// Two weights of a layer exchanged in every derivative formula.
    case exchanged(String, String)
    /// The activation's derivative left out of the chain.
    case noActivationDerivative
    /// The quantity's sign flipped.
    case negated
    /// The update made with `+` instead of `−`.
    case signOfUpdate
    /// The ½ dropped from each squared error (or added where the model has none).
    case noHalf
    /// The biases trained as well (or left fixed when the model trains them).
    case biasesTrained
    /// The forward pass computed with `used` in place of `replaced` (an extension to the format's table).
    case miswired(used: String, replaced: String)
    /// Rounded intermediates: the fixture's own claimed numbers used as inputs.
    case carried
    /// The other reduction of a batch's losses: the mean for the sum, the sum for the mean.
    case reduction
    /// The value rounded twice: to more places first, then to the printed ones (an explanation of `last-digit`).
    case doubleRounding
    /// The computation done in IEEE binary32, each operation rounded (PyTorch's default).
    case float32

    /// The name in the format's table of mistakes.
    public var name: String {
        switch self {
        case .sequential: "sequential"
        case .offByOne: "off-by-one"
        case .swapped, .exchanged: "swapped"
        case .noActivationDerivative: "no-activation-derivative"
        case .negated, .signOfUpdate: "sign"
        case .noHalf: "no-half"
        case .biasesTrained: "biases-trained"
        case .miswired: "miswired"
        case .carried: "carried"
        case .reduction: "reduction"
        case .doubleRounding: "double-rounding"
        case .float32: "float32"
        }
    }

    /// What the learner did, for a person.
    public var detail: String {
        switch self {
        case .sequential: "hidden-layer gradients taken with the already-updated weights of the later layers"
        case .offByOne(let step): "value after \(step) step\(step == 1 ? "" : "s")"
        case .swapped(let used, let replaced): "\(used) used for \(replaced) in the derivatives"
        case .exchanged(let a, let b): "\(a) and \(b) exchanged in the derivatives"
        case .noActivationDerivative: "activation derivative left out of the chain"
        case .negated: "opposite sign"
        case .signOfUpdate: "update p + η·g instead of p − η·g"
        case .noHalf: "the ½ in front of each squared error dropped (or added)"
        case .biasesTrained: "biases trained too (or left fixed)"
        case .miswired(let used, let replaced): "\(used) used for \(replaced) in the forward pass"
        case .carried: "computed from the fixture's own rounded numbers"
        case .reduction: "the samples' losses combined the other way (sum for mean, or mean for sum)"
        case .doubleRounding: "rounded to more places first, then to the printed ones"
        case .float32: "computed in binary32 (float), each operation rounded"
        }
    }

    public var description: String { "\(name): \(detail)" }
}
