import Checker
import Foundation
import Pictures

/// `derivcheck diagram`: the network as the tutorial's figure, in SVG.
enum DiagramCommand {
    static let spec = CommandSpec(
        name: "diagram",
        abstract: "Draw a fixture's network as an SVG picture.",
        discussion: """
            For the tutorial's network unless --fixture names another (it needs a [network] section).
            Neurons in columns, bias nodes below, each edge labelled with its weight's name and value:
            the fixture's own values, or with --after K the values after K training steps, certified
            to 9 decimals. Without -o the SVG goes to standard output.
            Example: derivcheck diagram --after 10000 -o trained.svg
            """,
        options: [
            .init(
                long: "fixture", short: nil, value: "file", help: "A fixture file instead of the tutorial's network."),
            .init(
                long: "after", short: nil, value: "k", help: "Show the weights after k training steps, 0 to 1000000."),
            .init(
                long: "output", short: "o", value: "file.svg",
                help: "Write the SVG to a file instead of standard output."),
        ]
    )

    static let places = 9

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let after: Int?
        do throws(UsageError) {
            after = try parsed.values["after"].map { _ throws(UsageError) in
                try parsed.wholeNumber("after", default: 0, range: 0...1_000_000, placeholder: "k")
            }
            if let output = parsed.values["output"], output.isEmpty {
                throw parsed.usageError("'-o' needs a file name")
            }
        } catch {
            return CommandSupport.usageError(error)
        }
        guard let fixture = CommandSupport.fixture(for: parsed) else { return Terminal.Status.badInput.rawValue }
        guard let network = fixture.network else {
            Terminal.error(
                "Error: \(fixture.file): no [network] section; a diagram needs the network "
                    + "shorthand (layers, weights, …)"
            )
            return Terminal.Status.badInput.rawValue
        }
        var values: [String: String] = [:]
        var subtitle = "initial weights, as the fixture gives them"
        if let after {
            do {
                let trainer = try Trainer(fixture: fixture)
                values = try trainer.parameterValues(after: after, places: places)
                let trained = fixture.training?.parameters ?? []
                subtitle =
                    "after \(after) training step\(after == 1 ? "" : "s") (certified, \(places) "
                    + "decimals; trained: \(trained.joined(separator: " ")))"
            } catch {
                Terminal.error("Error: \(fixture.file): \(error.description)")
                return Terminal.Status.badInput.rawValue
            }
        }
        let activations = Set(network.activations.map(\.rawValue)).sorted().joined(separator: "/")
        let title = "\(network.layers.map(String.init).joined(separator: "-")) \(activations) network — \(fixture.file)"
        let diagram = NetworkDiagram(
            network: network, weightValues: values, biasValues: values, title: title, subtitle: subtitle)
        if let output = parsed.values["output"] {
            guard CommandSupport.write(diagram.svg, to: output) else { return Terminal.Status.badInput.rawValue }
            Terminal.error("wrote \(output)")
        } else {
            FileHandle.standardOutput.write(Data(diagram.svg.utf8))
        }
        return 0
    }
}
