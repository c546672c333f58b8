import Exact

extension Network {
    /// The givens and definitions the shorthand stands for.
    public func expanded() throws(NetworkError) -> (givens: [(String, Rational)], definitions: [(String, Expr)]) {
        try validate()
        var givens: [(String, Rational)] = []
        var definitions: [(String, Expr)] = []
        for (name, value) in zip(neuronNames(layer: 0), inputs) { givens.append((name, value)) }
        if let targets {
            for (name, value) in zip(neuronNames(layer: layers.count - 1), targets) {
                givens.append(("target_\(name)", value))
            }
        }
        var biasIndex = 0
        for layer in 1..<layers.count {
            let (biasGivens, biasTerms) = biases(layer: layer, next: &biasIndex)
            givens += layerGivens(layer: layer, biases: biasGivens)
            definitions += neuronDefinitions(layer: layer, biasTerms: biasTerms)
        }
        definitions += lossDefinitions()
        return (givens, definitions)
    }

    /// The layer's weights in the order of their numbers, each neuron's bias after its weights when
    /// they are numbered by receiver (a shared bias after the first neuron's).
    private func layerGivens(layer: Int, biases: [(String, Rational)]) -> [(String, Rational)] {
        var givens: [(String, Rational)] = []
        for receiver in 0..<layers[layer] {
            for sender in 0..<layers[layer - 1] {
                let name = weightName(layer: layer, receiver: receiver, sender: sender)
                givens.append((name, weights[(Int(name.dropFirst()) ?? 1) - 1]))
            }
            if numbering == .byReceiver, biases.indices.contains(receiver) { givens.append(biases[receiver]) }
        }
        guard numbering == .bySender else { return givens }
        return givens.sorted { (Int($0.0.dropFirst()) ?? 0) < (Int($1.0.dropFirst()) ?? 0) } + biases
    }

    /// The layer's bias givens, and each neuron's bias term (`b1·1`), empty without biases.
    private func biases(layer: Int, next index: inout Int) -> (givens: [(String, Rational)], terms: [Expr]) {
        guard let biases else { return ([], []) }
        let neurons = neuronNames(layer: layer)
        switch biasMode {
        case .shared:
            let name = "b\(layer)"
            return ([(name, biases[layer - 1])], Array(repeating: .name(name) * 1, count: neurons.count))
        case .perNeuron:
            let names = neurons.map { "b_\($0)" }
            let values = names.map { name in
                defer { index += 1 }
                return (name, biases[index])
            }
            return (values, names.map { .name($0) * 1 })
        }
    }

    /// Each neuron's `net_n` and then its `out_n`; a softmax layer's outputs share one denominator,
    /// so all its nets come first.
    private func neuronDefinitions(layer: Int, biasTerms: [Expr]) -> [(String, Expr)] {
        let senders = neuronNames(layer: layer - 1)
        let neurons = neuronNames(layer: layer)
        let nets: [(String, Expr)] = neurons.enumerated().map { receiver, neuron in
            var terms: [Expr] = senders.indices.map { sender in
                let input: Expr = layer == 1 ? .name(senders[sender]) : .name("out_\(senders[sender])")
                return .name(weightName(layer: layer, receiver: receiver, sender: sender)) * input
            }
            if biasTerms.indices.contains(receiver) { terms.append(biasTerms[receiver]) }
            return ("net_\(neuron)", .sum(terms))
        }
        let activation = activation(ofLayer: layer)
        guard activation == .softmax else {
            return zip(nets, neurons).flatMap { net, neuron in
                let value = Expr.name(net.0)
                return [net, ("out_\(neuron)", activation.function.map { .apply($0, value) } ?? value)]
            }
        }
        let exponentials = neurons.map { Expr.apply(.exp, .name("net_\($0)")) }
        return nets + zip(neurons, exponentials).map { ("out_\($0)", $1 / .sum(exponentials)) }
    }

    /// The per-output errors `E_o1, …` and their sum `E_total`, as the loss says.
    private func lossDefinitions() -> [(String, Expr)] {
        guard let loss, let targets else { return [] }
        let outputs = neuronNames(layer: layers.count - 1)
        let categorical = activation(ofLayer: layers.count - 1) == .softmax && loss == .crossEntropy
        var definitions: [(String, Expr)] = []
        for (name, _) in zip(outputs, targets) {
            let target = Expr.name("target_\(name)")
            let out = Expr.name("out_\(name)")
            let error: Expr =
                switch loss {
                case .halfSquared: .constant(Rational.half) * (target - out).power(2)
                case .squared: (target - out).power(2)
                case .meanSquared: .constant(1 / Rational(outputs.count)) * (target - out).power(2)
                case .crossEntropy where categorical: -(target * .apply(.log, out))
                case .crossEntropy: -(target * .apply(.log, out) + (1 - target) * .apply(.log, 1 - out))
                }
            definitions.append(("E_\(name)", error))
        }
        definitions.append(("E_total", .sum(outputs.map { .name("E_\($0)") })))
        return definitions
    }
}
