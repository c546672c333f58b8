import Exact
import Symbolic
import Testing

private func q(_ text: String) -> Rational { Rational(text)! }
private func n(_ name: String) -> Expr { .name(name) }
private let half = Expr.constant(Rational("1/2")!)

private func network(
    layers: [Int], activations: [Network.Activation] = [.logistic], biases: Bool = true,
    biasMode: Network.BiasMode = .shared, loss: Network.Loss? = .halfSquared
) -> Network {
    let weightCount = zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    let biasCount = biasMode == .shared ? layers.count - 1 : layers.dropFirst().reduce(0, +)
    return Network(
        layers: layers, activations: activations,
        inputs: (1...layers[0]).map { Rational($0) / 10 },
        targets: (1...layers[layers.count - 1]).map { Rational($0) / 7 },
        weights: (1...weightCount).map { Rational($0) / 20 },
        biases: biases ? (1...biasCount).map { Rational($0) / 3 } : nil,
        biasMode: biasMode, loss: loss)
}

/// The definitions as a dictionary and the givens in order.
private func expand(_ network: Network) throws -> (
    givens: [(String, Rational)], definitions: [String: Expr], order: [String]
) {
    let (givens, definitions) = try network.expanded()
    return (givens, Dictionary(uniqueKeysWithValues: definitions), definitions.map(\.0))
}

@Suite("Network")
struct NetworkTests {
    @Test func tutorialNamesAndWiring() throws {
        let (givens, definitions, order) = try expand(TutorialModel.network)
        #expect(
            order == [
                "net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2",
                "E_o1", "E_o2", "E_total",
            ])
        #expect(definitions["net_h1"] == n("w1") * n("i1") + n("w2") * n("i2") + n("b1"))
        #expect(definitions["net_h2"] == n("w3") * n("i1") + n("w4") * n("i2") + n("b1"))
        #expect(definitions["net_o1"] == n("w5") * n("out_h1") + n("w6") * n("out_h2") + n("b2"))
        #expect(definitions["net_o2"] == n("w7") * n("out_h1") + n("w8") * n("out_h2") + n("b2"))
        #expect(definitions["out_h1"] == .apply(.logistic, n("net_h1")))
        #expect(definitions["out_o2"] == .apply(.logistic, n("net_o2")))
        #expect(definitions["E_o1"] == half * (n("target_o1") - n("out_o1")).power(2))
        #expect(definitions["E_total"] == n("E_o1") + n("E_o2"))
        let values = Dictionary(uniqueKeysWithValues: givens)
        #expect(
            Set(values.keys) == [
                "i1", "i2", "target_o1", "target_o2", "w1", "w2", "w3", "w4",
                "w5", "w6", "w7", "w8", "b1", "b2",
            ])
        #expect(givens.count == 14)
        #expect(values["i1"] == q("0.05") && values["i2"] == q("0.10"))
        #expect(values["target_o1"] == q("0.01") && values["target_o2"] == q("0.99"))
        for (index, weight) in ["0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55"].enumerated() {
            #expect(values["w\(index + 1)"] == q(weight))
        }
        #expect(values["b1"] == q("0.35") && values["b2"] == q("0.60"))
        // The weights appear in their numbering order among the givens.
        #expect(givens.map(\.0).filter { $0.hasPrefix("w") } == (1...8).map { "w\($0)" })
    }

    @Test func neuronNames() {
        let net = network(layers: [2, 3, 3, 2])
        #expect(net.neuronNames(layer: 0) == ["i1", "i2"])
        #expect(net.neuronNames(layer: 1) == ["h1_1", "h1_2", "h1_3"])
        #expect(net.neuronNames(layer: 2) == ["h2_1", "h2_2", "h2_3"])
        #expect(net.neuronNames(layer: 3) == ["o1", "o2"])
        #expect(net.neuronNames(layer: 4) == [])
        #expect(TutorialModel.network.neuronNames(layer: 1) == ["h1", "h2"])
        #expect(network(layers: [3, 1]).neuronNames(layer: 1) == ["o1"])
        #expect(net.weightCount == 6 + 9 + 6)
        #expect(net.biasCount == 3)
        #expect(network(layers: [2, 3, 3, 2], biasMode: .perNeuron).biasCount == 8)
    }

    @Test func twoHiddenLayers() throws {
        let (givens, definitions, _) = try expand(network(layers: [2, 3, 3, 2]))
        // w1…w6 feed h1_1…h1_3 from i1, i2; w7…w15 feed h2_1…h2_3 from h1_1…h1_3; w16…w21 feed o1, o2.
        #expect(definitions["net_h1_1"] == n("w1") * n("i1") + n("w2") * n("i2") + n("b1"))
        #expect(definitions["net_h1_3"] == n("w5") * n("i1") + n("w6") * n("i2") + n("b1"))
        #expect(
            definitions["net_h2_1"] == n("w7") * n("out_h1_1") + n("w8") * n("out_h1_2") + n("w9") * n("out_h1_3")
                + n("b2"))
        #expect(
            definitions["net_h2_3"] == n("w13") * n("out_h1_1") + n("w14") * n("out_h1_2") + n("w15") * n("out_h1_3")
                + n("b2"))
        #expect(definitions["out_h2_3"] == .apply(.logistic, n("net_h2_3")))
        #expect(
            definitions["net_o2"] == n("w19") * n("out_h2_1") + n("w20") * n("out_h2_2") + n("w21") * n("out_h2_3")
                + n("b3"))
        #expect(givens.map(\.0).filter { $0.hasPrefix("b") } == ["b1", "b2", "b3"])
        #expect(givens.map(\.0).filter { $0.hasPrefix("w") }.count == 21)
        #expect(definitions["net_h2"] == nil && definitions["net_h1"] == nil)
    }

    @Test func perNeuronBiases() throws {
        var net = network(layers: [2, 2, 2], biasMode: .perNeuron)
        net.biases = [q("0.35"), q("-0.1"), q("0.60"), q("0.2")]
        let (givens, definitions, _) = try expand(net)
        let values = Dictionary(uniqueKeysWithValues: givens)
        #expect(values["b_h1"] == q("0.35") && values["b_h2"] == q("-0.1"))
        #expect(values["b_o1"] == q("0.60") && values["b_o2"] == q("0.2"))
        #expect(values["b1"] == nil)
        #expect(definitions["net_h2"] == n("w3") * n("i1") + n("w4") * n("i2") + n("b_h2"))
        #expect(definitions["net_o1"] == n("w5") * n("out_h1") + n("w6") * n("out_h2") + n("b_o1"))
        let deep = try expand(network(layers: [2, 2, 2, 1], biasMode: .perNeuron))
        #expect(deep.givens.map(\.0).filter { $0.hasPrefix("b_") } == ["b_h1_1", "b_h1_2", "b_h2_1", "b_h2_2", "b_o1"])
    }

    @Test func withoutBiases() throws {
        let (givens, definitions, _) = try expand(network(layers: [2, 2, 2], biases: false))
        #expect(definitions["net_h1"] == n("w1") * n("i1") + n("w2") * n("i2"))
        #expect(!givens.contains { $0.0.hasPrefix("b") })
    }

    @Test func activations() throws {
        let linear = try expand(network(layers: [2, 2, 1], activations: [.softplus, .linear]))
        #expect(linear.definitions["out_h1"] == .apply(.softplus, n("net_h1")))
        #expect(linear.definitions["out_o1"] == n("net_o1"))
        let mixed = try expand(network(layers: [2, 3, 2], activations: [.tanh, .logistic]))
        #expect(mixed.definitions["out_h3"] == .apply(.tanh, n("net_h3")))
        #expect(mixed.definitions["out_o2"] == .apply(.logistic, n("net_o2")))
        let relu = try expand(network(layers: [3, 2, 1], activations: [.relu]))
        #expect(relu.definitions["out_h2"] == .apply(.relu, n("net_h2")))
        #expect(relu.definitions["out_o1"] == .apply(.relu, n("net_o1")))
        #expect(
            Set(Network.Activation.allCases.map(\.rawValue)) == [
                "logistic", "tanh", "relu", "softplus", "linear", "softmax",
            ])
    }

    @Test func losses() throws {
        let t = n("target_o1")
        let o = n("out_o1")
        let halfSquared = try expand(network(layers: [2, 1], loss: .halfSquared))
        #expect(halfSquared.definitions["E_o1"] == half * (t - o).power(2))
        let squared = try expand(network(layers: [2, 1], loss: .squared))
        #expect(squared.definitions["E_o1"] == (t - o).power(2))
        let crossEntropy = try expand(network(layers: [2, 1], loss: .crossEntropy))
        #expect(crossEntropy.definitions["E_o1"] == -(t * .apply(.log, o) + (1 - t) * .apply(.log, 1 - o)))
        #expect(crossEntropy.definitions["E_total"] == n("E_o1"))
        let none = try expand(network(layers: [2, 2], loss: nil))
        #expect(none.definitions["E_total"] == nil && none.definitions["E_o1"] == nil)
        #expect(Network.Loss(rawValue: "half-squared") == .halfSquared)
        #expect(Network.Loss(rawValue: "cross-entropy") == .crossEntropy)
        #expect(Network.BiasMode(rawValue: "per-neuron") == .perNeuron)
    }

    @Test func lossWithoutTargetsIsAProblem() {
        var net = network(layers: [2, 2, 2])
        net.targets = nil
        do {
            try net.validate()
            Issue.record("a loss without targets validated")
        } catch {
            #expect(error.key == "targets" && error.message == "expected targets: the loss needs them")
            #expect(error.description == error.message)
        }
        net.loss = nil
        #expect(throws: Never.self) { try net.validate() }
        #expect(throws: Never.self) { _ = try net.expanded() }
    }

    @Test func validationNamesTheKey() {
        /// The problem's key and message.
        func problem(_ change: (inout Network) -> Void) -> [String]? {
            var net = network(layers: [2, 2, 2])
            change(&net)
            do {
                try net.validate()
                return nil
            } catch { return [error.key, error.message] }
        }
        #expect(
            problem { $0.weights.removeLast() }
                == ["weights", "expected 8 weights for layers 2 2 2, found 7"])
        #expect(problem { $0.weights.append(1) }?.first == "weights")
        #expect(problem { $0.layers = [2] }?.first == "layers")
        #expect(problem { $0.layers = [2, 0, 2] }?.first == "layers")
        #expect(
            problem { $0.inputs = [1] }
                == ["inputs", "expected 2 inputs for an input layer of 2, found 1"])
        #expect(
            problem { $0.targets = [1, 2, 3] }
                == ["targets", "expected 2 targets for 2 outputs, found 3"])
        #expect(
            problem { $0.biases = [1, 2, 3] }
                == ["biases", "expected 2 biases (shared), found 3"])
        #expect(
            problem { $0.biasMode = .perNeuron }
                == ["biases", "expected 4 biases (per-neuron), found 2"])
        #expect(
            problem { $0.activations = [.tanh, .logistic, .relu] }
                == ["activation", "expected one activation, or one per non-input layer (2)"])
        #expect(problem { $0.activations = [.tanh, .logistic] } == nil)
        #expect(problem { _ in } == nil)
        // expanded() validates first.
        var broken = network(layers: [2, 2, 2])
        broken.weights = []
        #expect(throws: NetworkError.self) { _ = try broken.expanded() }
    }

    @Test func expansionBuildsAValidModel() throws {
        for layers in [[2, 2, 2], [1, 1], [3, 4, 5, 2], [2, 3, 2, 2]] {
            let (givens, definitions) = try network(layers: layers).expanded()
            let model = try Model(givens: givens, definitions: definitions)
            #expect(model.contains("E_total"))
            #expect(model.definitionOrder.last == "E_total")
        }
    }
}
