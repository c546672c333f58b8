import Exact

/// The `[network]` shorthand: a fully connected net that expands into a model's givens and
/// definitions with the names the fixture format specifies (`i1`, `h1`, `net_o1`, `w5`, `b1`, …).
public struct Network: Sendable, Hashable {
    public enum Activation: String, Sendable, Hashable, CaseIterable {
        case logistic, tanh, relu, softplus, linear
        /// `out_k = exp(net_k) / Σ_j exp(net_j)`, for the output layer only.
        case softmax

        /// The function applied to each neuron's net on its own (`nil`: the identity, or softmax).
        var function: ElementaryFunction? {
            switch self {
            case .logistic: .logistic
            case .tanh: .tanh
            case .relu: .relu
            case .softplus: .softplus
            case .linear, .softmax: nil
            }
        }
    }

    /// How weights are numbered within a layer.
    public enum Numbering: String, Sendable, Hashable, CaseIterable {
        /// By receiving neuron, then by sending neuron (the tutorial's: w1, w2 feed h1).
        case byReceiver = "by-receiver"
        /// By sending neuron, then by receiving neuron (w1 i1→h1, w2 i1→h2).
        case bySender = "by-sender"
    }

    public enum BiasMode: String, Sendable, Hashable, CaseIterable {
        /// One bias per non-input layer (`b1, b2, …`).
        case shared
        /// One bias per neuron (`b_h1, b_o1, …`).
        case perNeuron = "per-neuron"
    }

    public enum Loss: String, Sendable, Hashable, CaseIterable {
        /// `E = Σ ½(target − out)²`
        case halfSquared = "half-squared"
        /// `E = Σ (target − out)²`
        case squared
        /// `E = (1/n) Σ (target − out)²` over the n outputs.
        case meanSquared = "mean-squared"
        /// Binary cross-entropy per output; categorical (`−Σ t·log(out)`) over a softmax layer.
        case crossEntropy = "cross-entropy"
    }

    /// Sizes: input, hidden…, output.
    public var layers: [Int]
    /// One activation per non-input layer.
    public var activations: [Activation]
    public var inputs: [Rational]
    public var targets: [Rational]?
    public var weights: [Rational]
    public var biases: [Rational]?
    public var biasMode: BiasMode
    public var loss: Loss?
    public var numbering: Numbering

    public init(
        layers: [Int], activations: [Activation], inputs: [Rational], targets: [Rational]?,
        weights: [Rational], biases: [Rational]?, biasMode: BiasMode = .shared, loss: Loss?,
        numbering: Numbering = .byReceiver
    ) {
        self.numbering = numbering
        self.layers = layers
        self.activations = activations
        self.inputs = inputs
        self.targets = targets
        self.weights = weights
        self.biases = biases
        self.biasMode = biasMode
        self.loss = loss
    }

    /// The neuron names of layer `index` (0 is the input layer).
    public func neuronNames(layer index: Int) -> [String] {
        guard layers.indices.contains(index) else { return [] }
        let count = layers[index]
        if index == 0 { return (1...max(count, 1)).prefix(count).map { "i\($0)" } }
        if index == layers.count - 1 { return (1...max(count, 1)).prefix(count).map { "o\($0)" } }
        let hiddenLayers = layers.count - 2
        return (1...max(count, 1)).prefix(count).map { hiddenLayers == 1 ? "h\($0)" : "h\(index)_\($0)" }
    }

    /// The activation of layer `index` (1 is the first hidden layer).
    public func activation(ofLayer index: Int) -> Activation {
        activations.count == 1 ? activations[0] : activations[min(max(index - 1, 0), activations.count - 1)]
    }

    /// The weight from sender `sender` to receiver `receiver` (both from 0) into layer `layer`
    /// (from 1), as the numbering names it.
    public func weightName(layer: Int, receiver: Int, sender: Int) -> String {
        let before = (1..<max(layer, 1)).reduce(0) { $0 + layers[$1 - 1] * layers[$1] }
        let within =
            switch numbering {
            case .byReceiver: receiver * layers[layer - 1] + sender
            case .bySender: sender * layers[layer] + receiver
            }
        return "w\(before + within + 1)"
    }

    /// The number of weights the layer sizes call for.
    public var weightCount: Int { zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 } }

    /// The number of biases the bias mode calls for.
    public var biasCount: Int { biasMode == .shared ? max(layers.count - 1, 0) : layers.dropFirst().reduce(0, +) }

    /// Checks the parts against each other.
    public func validate() throws(NetworkError) {
        guard layers.count >= 2, layers.allSatisfy({ $0 > 0 }) else {
            throw NetworkError(key: "layers", message: "expected at least two positive layer sizes (input … output)")
        }
        guard activations.count == 1 || activations.count == layers.count - 1 else {
            throw NetworkError(
                key: "activation", message: "expected one activation, or one per non-input layer (\(layers.count - 1))")
        }
        guard inputs.count == layers[0] else {
            throw NetworkError(
                key: "inputs",
                message: "expected \(layers[0]) inputs for an input layer of \(layers[0]), found \(inputs.count)")
        }
        guard weights.count == weightCount else {
            throw NetworkError(
                key: "weights",
                message:
                    "expected \(weightCount) weights for layers "
                    + "\(layers.map(String.init).joined(separator: " ")), found \(weights.count)"
            )
        }
        if let biases, biases.count != biasCount {
            throw NetworkError(
                key: "biases", message: "expected \(biasCount) biases (\(biasMode.rawValue)), found \(biases.count)")
        }
        let outputs = layers[layers.count - 1]
        if let targets, targets.count != outputs {
            throw NetworkError(
                key: "targets", message: "expected \(outputs) targets for \(outputs) outputs, found \(targets.count)")
        }
        if (1..<layers.count).dropLast().contains(where: { activation(ofLayer: $0) == .softmax }) {
            throw NetworkError(key: "activation", message: "softmax belongs to the output layer only")
        }
        if loss != nil, targets == nil {
            throw NetworkError(key: "targets", message: "expected targets: the loss needs them")
        }
    }

}
