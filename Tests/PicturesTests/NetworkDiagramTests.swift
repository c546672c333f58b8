import Exact
import Fixture
import Foundation
import FoundationXML
import Pictures
import Symbolic
import Testing

#if canImport(FoundationXML)
#endif

private func resource(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SymbolicTests/Resources/\(name)").path
}

private func network(_ file: String) throws -> Network {
    let fixture = try FixtureReader.read(
        bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: resource(file)))), file: file)
    return try #require(fixture.network)
}

private func tutorialNetwork() throws -> Network {
    try #require(try FixtureReader.read(text: Fixture.tutorialText, file: Fixture.tutorialFileName).network)
}

/// Every pair of label boxes, and every label against every node and note: none may overlap.
private func expectNoOverlaps(_ diagram: NetworkDiagram, sourceLocation: SourceLocation = #_sourceLocation) {
    let labels = diagram.labels
    for i in labels.indices {
        for j in labels.indices where j > i {
            #expect(
                !labels[i].box.overlaps(labels[j].box),
                "\(labels[i].weight) \(labels[i].box) overlaps \(labels[j].weight) \(labels[j].box)",
                sourceLocation: sourceLocation)
        }
        for node in diagram.nodes {
            #expect(
                !labels[i].box.overlaps(node.box), "\(labels[i].weight) covers node \(node.name)",
                sourceLocation: sourceLocation)
            if let note = node.noteBox {
                #expect(
                    !labels[i].box.overlaps(note), "\(labels[i].weight) covers the note of \(node.name)",
                    sourceLocation: sourceLocation)
            }
        }
        #expect(
            labels[i].box.x >= 0 && labels[i].box.maxX <= diagram.width && labels[i].box.y >= 0
                && labels[i].box.maxY <= diagram.height,
            sourceLocation: sourceLocation)
    }
    for i in diagram.nodes.indices {
        for j in diagram.nodes.indices where j > i {
            #expect(
                !diagram.nodes[i].box.overlaps(diagram.nodes[j].box),
                "nodes \(diagram.nodes[i].name) and \(diagram.nodes[j].name)",
                sourceLocation: sourceLocation)
        }
    }
}

@Suite("NetworkDiagram")
struct NetworkDiagramTests {
    @Test func tutorialDiagramIsValidXMLWithEveryLabel() throws {
        let diagram = NetworkDiagram(network: try tutorialNetwork(), title: "2-2-2 <tutorial> & co")
        let reading = SVGReading(diagram.svg)
        #expect(reading.parsed, "\(String(describing: reading.error))")
        #expect(reading.error == nil)
        #expect(reading.elements.first == "svg")
        let expected = [
            "w1 = 0.15", "w2 = 0.2", "w3 = 0.25", "w4 = 0.3", "w5 = 0.4", "w6 = 0.45", "w7 = 0.5", "w8 = 0.55",
        ]
        for label in expected { #expect(reading.texts.contains(label), "missing \(label)") }
        for name in ["i1", "i2", "h1", "h2", "o1", "o2", "b1", "b2"] {
            #expect(reading.texts.contains(name), "missing node \(name)")
        }
        #expect(reading.texts.contains("0.35") && reading.texts.contains("0.6"))
        #expect(reading.texts.contains("target 0.01") && reading.texts.contains("0.05"))
        #expect(reading.texts.contains("2-2-2 <tutorial> & co"))
        #expect(diagram.labels.map(\.weight) == (1...8).map { "w\($0)" })
        expectNoOverlaps(diagram)
    }

    @Test func edgesFollowTheFixtureFormatsNumbering() throws {
        let diagram = NetworkDiagram(network: try tutorialNetwork())
        let wiring = diagram.labels.map { "\($0.weight):\($0.from)→\($0.to)" }
        #expect(
            wiring == ["w1:i1→h1", "w2:i2→h1", "w3:i1→h2", "w4:i2→h2", "w5:h1→o1", "w6:h2→o1", "w7:h1→o2", "w8:h2→o2"])
        // Labels of different senders sit at different fractions along their edges.
        let fractions = Dictionary(grouping: diagram.labels.prefix(4), by: \.from).mapValues { Set($0.map(\.fraction)) }
        #expect(fractions["i1"] != fractions["i2"])
        // Two dashed bias edges per shared bias.
        #expect(diagram.edges.filter { $0.weight == nil }.count == 4)
    }

    @Test func trainedValuesAppearOnTheEdges() throws {
        // The weights after 10,000 steps, from the mpmath reference (Tests/CheckerTests/Resources/training.tsv),
        // rounded to 9 decimals.
        let values = [
            "w1": "0.378509988", "w2": "0.657019977", "w3": "0.477300706", "w4": "0.754601411",
            "w5": "-3.892977199", "w6": "-3.868416688", "w7": "2.861810949", "w8": "2.925688967",
        ]
        let diagram = NetworkDiagram(
            network: try tutorialNetwork(), weightValues: values, biasValues: values,
            subtitle: "after 10000 steps")
        let reading = SVGReading(diagram.svg)
        #expect(reading.parsed)
        #expect(reading.texts.contains("w5 = -3.892977199"))
        #expect(reading.texts.contains("w1 = 0.378509988"))
        #expect(reading.texts.contains("after 10000 steps"))
        expectNoOverlaps(diagram)
    }

    @Test func twoHiddenLayers() throws {
        let diagram = NetworkDiagram(network: try network("two-hidden.deriv"))
        let reading = SVGReading(diagram.svg)
        #expect(reading.parsed, "\(String(describing: reading.error))")
        for index in 1...16 { #expect(reading.texts.contains { $0.hasPrefix("w\(index) = ") }, "missing w\(index)") }
        #expect(reading.texts.contains("w12 = -0.6"))
        for name in ["h1_1", "h1_2", "h1_3", "h2_1", "h2_2", "b1", "b2", "b3"] { #expect(reading.texts.contains(name)) }
        #expect(Set(diagram.nodes.filter { $0.kind == .hidden }.map(\.column)) == [1, 2])
        expectNoOverlaps(diagram)
    }

    @Test func perNeuronBiases() throws {
        let diagram = NetworkDiagram(network: try network("per-neuron-bias.deriv"))
        let reading = SVGReading(diagram.svg)
        #expect(reading.parsed)
        for name in ["b_h1", "b_h2", "b_o1", "b_o2"] { #expect(reading.texts.contains(name)) }
        #expect(diagram.edges.filter { $0.weight == nil }.count == 4)
        expectNoOverlaps(diagram)
    }

    @Test(arguments: [[3, 4, 2], [4, 5, 3, 2], [1, 6, 1], [6, 2, 6], [2, 3, 3, 3, 2], [8, 8, 8]])
    func largerNetsKeepLabelsApart(layers: [Int]) throws {
        let count = zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let net = Network(
            layers: layers, activations: [.tanh], inputs: (1...layers[0]).map { Rational($0) / 10 },
            targets: nil, weights: (1...count).map { Rational(-$0 * 37 % 101) / 1000 + Rational($0) / 7 },
            biases: nil, loss: nil)
        let diagram = NetworkDiagram(network: net)
        #expect(diagram.labels.count == count)
        #expect(SVGReading(diagram.svg).parsed)
        expectNoOverlaps(diagram)
    }

    @Test func boxesOverlapOnlyWhenInteriorsMeet() {
        let a = NetworkDiagram.Box(x: 0, y: 0, width: 10, height: 10)
        #expect(a.overlaps(.init(x: 9, y: 9, width: 5, height: 5)))
        #expect(!a.overlaps(.init(x: 10, y: 0, width: 5, height: 5)))
        #expect(!a.overlaps(.init(x: 0, y: 11, width: 5, height: 5)))
    }

    @Test func decimalTextIsExact() {
        #expect(NetworkDiagram.decimalText(Rational("0.15")!) == "0.15")
        #expect(NetworkDiagram.decimalText(Rational("-3")!) == "-3")
        #expect(NetworkDiagram.decimalText(Rational("1/3")!) == "1/3")
    }
}
