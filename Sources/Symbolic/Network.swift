import Exact

/// The `[network]` shorthand: a fully connected net that expands into a model's givens and
/// definitions with the names the fixture format specifies (`i1`, `h1`, `net_o1`, `w5`, `b1`, …).
public struct Network: Sendable, Hashable {
    public enum Activation: String, Sendable, Hashable, CaseIterable {
        case logistic, tanh, relu, softplus, linear

        var function: ElementaryFunction? {
            switch self {
            case .logistic: .logistic
            case .tanh: .tanh
            case .relu: .relu
            case .softplus: .softplus
            case .linear: nil
            }
        }
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
        /// Binary cross-entropy per output.
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

    public init(
        layers: [Int], activations: [Activation], inputs: [Rational], targets: [Rational]?,
        weights: [Rational], biases: [Rational]?, biasMode: BiasMode = .shared, loss: Loss?
    ) {
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
                    "expected \(weightCount) weights for layers \(layers.map(String.init).joined(separator: " ")), found \(weights.count)"
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
        if loss != nil, targets == nil {
            throw NetworkError(key: "targets", message: "expected targets: the loss needs them")
        }
    }

    /// The givens and definitions the shorthand stands for.
    public func expanded() throws(NetworkError) -> (givens: [(String, Rational)], definitions: [(String, Expr)]) {
        try validate()
        var givens: [(String, Rational)] = []
        var definitions: [(String, Expr)] = []
        for (name, value) in zip(neuronNames(layer: 0), inputs) { givens.append((name, value)) }
        let outputs = neuronNames(layer: layers.count - 1)
        if let targets {
            for (name, value) in zip(outputs, targets) { givens.append(("target_\(name)", value)) }
        }
        var weightIndex = 0
        var biasIndex = 0
        for layer in 1..<layers.count {
            let activation = activations.count == 1 ? activations[0] : activations[layer - 1]
            let senders = neuronNames(layer: layer - 1)
            for (position, neuron) in neuronNames(layer: layer).enumerated() {
                var terms: [Expr] = []
                for sender in senders {
                    weightIndex += 1
                    let weight = "w\(weightIndex)"
                    givens.append((weight, weights[weightIndex - 1]))
                    let input: Expr = layer == 1 ? .name(sender) : .name("out_\(sender)")
                    terms.append(.name(weight) * input)
                }
                if let biases {
                    let bias = biasMode == .shared ? "b\(layer)" : "b_\(neuron)"
                    if biasMode == .shared, position == 0 { givens.append((bias, biases[layer - 1])) }
                    if biasMode == .perNeuron {
                        givens.append((bias, biases[biasIndex]))
                        biasIndex += 1
                    }
                    terms.append(.name(bias) * 1)
                }
                definitions.append(("net_\(neuron)", .sum(terms)))
                let net = Expr.name("net_\(neuron)")
                definitions.append(("out_\(neuron)", activation.function.map { .apply($0, net) } ?? net))
            }
        }
        if let loss, let targets {
            for (name, _) in zip(outputs, targets) {
                let target = Expr.name("target_\(name)")
                let out = Expr.name("out_\(name)")
                let error: Expr =
                    switch loss {
                    case .halfSquared: .constant(Rational.half) * (target - out).power(2)
                    case .squared: (target - out).power(2)
                    case .crossEntropy: -(target * .apply(.log, out) + (1 - target) * .apply(.log, 1 - out))
                    }
                definitions.append(("E_\(name)", error))
            }
            definitions.append(("E_total", .sum(outputs.map { .name("E_\($0)") })))
        }
        return (givens, definitions)
    }
}
