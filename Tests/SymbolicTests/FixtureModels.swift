import Exact
import Foundation
import Symbolic

/// Test support: the fixtures in `Resources/`, read just far enough to build their models
/// (the `[network]` keys and `[model]` givens and definitions; everything else is skipped).
enum FixtureModels {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Resources")

    struct FixtureModelError: Error, CustomStringConvertible {
        var description: String
    }

    static func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    /// The lines of each section, comments and blank lines removed.
    static func sections(_ file: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current = ""
        for raw in try text(file).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = (raw.firstIndex(of: "#").map { raw[..<$0] } ?? raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                continue
            }
            result[current, default: []].append(line)
        }
        return result
    }

    static func number(_ text: some StringProtocol) throws -> Rational {
        guard let value = Rational(String(text)) else { throw FixtureModelError(description: "not a number: \(text)") }
        return value
    }

    /// The `[network]` section as a `Network` value, or `nil` when the file has none.
    static func network(_ file: String) throws -> Network? {
        guard let lines = try sections(file)["network"] else { return nil }
        var keys: [String: [String]] = [:]
        for line in lines {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw FixtureModelError(description: "bad line \(line)") }
            keys[parts[0]] = parts[1].split(separator: " ").map(String.init)
        }
        func numbers(_ key: String) throws -> [Rational]? { try keys[key].map { try $0.map(number) } }
        guard let layers = keys["layers"]?.compactMap(Int.init), let inputs = try numbers("inputs"),
            let weights = try numbers("weights")
        else { throw FixtureModelError(description: "\(file): incomplete [network]") }
        let activations = try (keys["activation"] ?? ["logistic"]).map { name in
            guard let activation = Network.Activation(rawValue: name) else {
                throw FixtureModelError(description: "activation \(name)")
            }
            return activation
        }
        let biasMode = Network.BiasMode(rawValue: keys["bias"]?.first ?? "shared") ?? .shared
        let loss = try keys["loss"]?.first.map { name in
            guard let loss = Network.Loss(rawValue: name) else { throw FixtureModelError(description: "loss \(name)") }
            return loss
        }
        return Network(
            layers: layers, activations: activations, inputs: inputs, targets: try numbers("targets"),
            weights: weights, biases: try numbers("biases"), biasMode: biasMode, loss: loss)
    }

    /// The model a fixture describes: its network's expansion followed by its `[model]` lines.
    static func model(_ file: String) throws -> Model {
        var givens: [(String, Rational)] = []
        var definitions: [(String, Expr)] = []
        if let network = try network(file) {
            (givens, definitions) = try network.expanded()
        }
        let lines = try sections(file)["model"] ?? []
        var names = Set(givens.map(\.0) + definitions.map(\.0))
        for line in lines {
            if let range = line.range(of: ":=") {
                names.insert(line[..<range.lowerBound].trimmingCharacters(in: .whitespaces))
            } else if let equals = line.firstIndex(of: "=") {
                names.insert(line[..<equals].trimmingCharacters(in: .whitespaces))
            }
        }
        for line in lines {
            if let range = line.range(of: ":=") {
                let name = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let body = try Parser.parse(line[range.upperBound...], isName: { names.contains($0) })
                definitions.append((name, body))
            } else if let equals = line.firstIndex(of: "=") {
                givens.append(
                    (
                        line[..<equals].trimmingCharacters(in: .whitespaces),
                        try number(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
                    ))
            }
        }
        return try Model(givens: givens, definitions: definitions)
    }

    /// The rows of a tab-separated reference file, header dropped.
    static func rows(_ file: String) throws -> [[String]] {
        try text(file).split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
    }
}

/// The tutorial's 2-2-2 network (Mazur 2015) built in code, independently of the fixture files.
enum TutorialModel {
    static func q(_ text: String) -> Rational { Rational(text)! }

    static let network = Network(
        layers: [2, 2, 2], activations: [.logistic],
        inputs: [q("0.05"), q("0.10")], targets: [q("0.01"), q("0.99")],
        weights: ["0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55"].map(q),
        biases: [q("0.35"), q("0.60")], biasMode: .shared, loss: .halfSquared)

    static func make() throws -> Model {
        let (givens, definitions) = try network.expanded()
        return try Model(givens: givens, definitions: definitions)
    }
}
