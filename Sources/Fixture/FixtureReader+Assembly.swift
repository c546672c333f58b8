import Exact
import Symbolic

extension FixtureReader {
    /// Turns the collected lines into a fixture, or throws every problem found.
    mutating func assemble() throws(FixtureError) -> Fixture {
        var parts = ModelParts(givens: givens.map(\.value))
        for given in givens { parts.lines[given.value.0] = given.line }
        let expandedNetwork = readNetwork()
        if let (network, line) = expandedNetwork { addNetwork(network, header: line, to: &parts) }
        addDefinitions(to: &parts)
        guard diagnostics.isEmpty else { throw errors }
        let model = try buildModel(parts)
        let trainingSpec = readTraining(model: model)
        let claims = claimLines.compactMap { readClaim($0, model: model, training: trainingSpec) }
        guard diagnostics.isEmpty else { throw errors }
        return Fixture(
            file: file, model: model, network: expandedNetwork?.0, training: trainingSpec, claims: claims,
            lines: parts.lines)
    }

    /// The givens and definitions gathered from every section, with the line of each name.
    struct ModelParts {
        var givens: [(String, Rational)]
        var definitions: [(String, Expr)] = []
        var lines: [String: Int] = [:]
    }

    /// The names a `[network]` generates; a name also given elsewhere is an error at its own line.
    private mutating func addNetwork(_ network: Network, header line: Int, to parts: inout ModelParts) {
        do {
            let expanded = try network.expanded()
            for (name, value) in expanded.givens {
                if let first = firstUse[name] {
                    error(first, 1, "duplicate name '\(name)': [network] at line \(line) already generates it")
                }
                parts.givens.append((name, value))
                parts.lines[name] = line
            }
            for (name, expression) in expanded.definitions {
                if let first = firstUse[name] {
                    error(first, 1, "duplicate name '\(name)': [network] at line \(line) already generates it")
                }
                parts.definitions.append((name, expression))
                parts.lines[name] = line
            }
        } catch {
            // A missing key is reported where it is needed: targets at the loss that needs them.
            let at = self.network[error.key] ?? (error.key == "targets" ? self.network["loss"] : nil)
            self.error(at?.line ?? line, at?.column ?? 1, error.message)
        }
    }

    /// The `[model]` definitions, parsed knowing every name the fixture gives or defines (for `dA/dB`).
    private mutating func addDefinitions(to parts: inout ModelParts) {
        let known = Set(parts.givens.map(\.0) + parts.definitions.map(\.0) + definitions.map(\.value.0))
        let isName: (String) -> Bool = { known.contains($0) }
        for definition in definitions {
            let (name, text) = definition.value
            parts.lines[name] = definition.line
            do {
                parts.definitions.append((name, try Parser.parse(text, isName: isName)))
            } catch {
                self.error(
                    definition.line, definition.column + error.column - 1,
                    Self.message(of: error, startingAt: definition.column))
            }
        }
    }

    /// The model, or every problem so far plus the one that stopped it (an undefined name, a cycle).
    private mutating func buildModel(_ parts: ModelParts) throws(FixtureError) -> Model {
        do {
            return try Model(givens: parts.givens, definitions: parts.definitions)
        } catch {
            let (name, message): (String?, String) =
                switch error {
                case .undefinedName(let missing, let user):
                    (user, "undefined name '\(missing)' in the definition of '\(user)'")
                case .cycle(let names): (names.first, error.description)
                case .unknownInDerivative(let missing, let user):
                    (user, "derivative by or of an unknown name '\(missing)'")
                }
            let line = name.flatMap { parts.lines[$0] } ?? 1
            let column = definitions.first(where: { $0.value.0 == name })?.column ?? 1
            self.error(line, column, message)
            throw errors
        }
    }

    private mutating func numbers(_ key: String) -> [Rational]? {
        guard let entry = network[key] else { return nil }
        var values: [Rational] = []
        var column = entry.column
        for word in entry.value.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.unicodeScalars.count + 1 }
            guard !word.isEmpty else { continue }
            do {
                values.append(try DecimalLiteral(parsing: word).value)
            } catch {
                self.error(entry.line, column, "expected numbers for '\(key)', found '\(word)': \(error)")
                return nil
            }
        }
        return values
    }

    private mutating func words<T: RawRepresentable>(_ key: String, as _: T.Type, choices: [String]) -> [T]?
    where T.RawValue == String {
        guard let entry = network[key] else { return nil }
        var result: [T] = []
        var column = entry.column
        for word in entry.value.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.unicodeScalars.count + 1 }
            guard !word.isEmpty else { continue }
            guard let value = T(rawValue: String(word)) else {
                error(
                    entry.line, column, "unknown \(key) '\(word)'; expected one of \(choices.joined(separator: ", "))")
                return nil
            }
            result.append(value)
        }
        return result
    }

    /// The `[network]` section as a `Network`, with the line of its header.
    private mutating func readNetwork() -> (Network, Int)? {
        guard let header = networkHeader else { return nil }
        var failed = false
        var layers: [Int] = []
        if let entry = network["layers"] {
            var offset = 0
            for word in entry.value.split(separator: " ", omittingEmptySubsequences: false) {
                defer { offset += word.unicodeScalars.count + 1 }
                guard !word.isEmpty else { continue }
                guard let size = Int(word), size > 0, size <= 100_000 else {
                    error(
                        entry.line, entry.column + offset,
                        "expected a layer size (a whole number from 1 to 100000), found '\(word)'")
                    failed = true
                    break
                }
                layers.append(size)
            }
        } else {
            error(header, 1, "[network] needs 'layers = …' (input, hidden…, output sizes)")
            failed = true
        }
        let activations =
            words("activation", as: Network.Activation.self, choices: Network.Activation.allCases.map(\.rawValue))
            ?? (network["activation"] == nil ? [.logistic] : nil)
        let biasMode = words("bias", as: Network.BiasMode.self, choices: Network.BiasMode.allCases.map(\.rawValue))
        let loss = words("loss", as: Network.Loss.self, choices: Network.Loss.allCases.map(\.rawValue))
        let inputs = numbers("inputs")
        if network["inputs"] == nil {
            error(header, 1, "[network] needs 'inputs = …'")
            failed = true
        }
        let weights = numbers("weights")
        if network["weights"] == nil {
            error(header, 1, "[network] needs 'weights = …'")
            failed = true
        }
        let targets = numbers("targets")
        let biases = numbers("biases")
        for (key, count) in [("bias", biasMode?.count), ("loss", loss?.count)] where (count ?? 1) != 1 {
            if let entry = network[key] { error(entry.line, entry.column, "expected one word for '\(key)'") }
            failed = true
        }
        guard !failed, let activations, let inputs, let weights,
            network["targets"] == nil || targets != nil, network["biases"] == nil || biases != nil,
            network["bias"] == nil || biasMode != nil, network["loss"] == nil || loss != nil
        else { return nil }
        let result = Network(
            layers: layers, activations: activations, inputs: inputs, targets: targets, weights: weights,
            biases: biases, biasMode: biasMode?.first ?? .shared, loss: loss?.first)
        return (result, header)
    }

    private mutating func readTraining(model: Model) -> TrainingSpec? {
        guard let header = trainingHeader else { return nil }
        var loss: String?
        var parameters: [String] = []
        var rate: TrainingSpec.Rate?
        if let entry = training["loss"] {
            let name = String(entry.value)
            if model.definitions[name] != nil || model.givens[name] != nil {
                loss = name
            } else {
                error(
                    entry.line, entry.column,
                    "unknown loss '\(name)': expected a name the model defines, such as E_total")
            }
        } else if model.definitions["E_total"] != nil {
            loss = "E_total"
        } else {
            error(header, 1, "[training] needs 'loss = NAME'")
        }
        if let entry = training["parameters"] {
            var offset = 0
            for word in entry.value.split(separator: " ", omittingEmptySubsequences: false) {
                defer { offset += word.unicodeScalars.count + 1 }
                guard !word.isEmpty else { continue }
                let name = String(word)
                if model.givens[name] == nil {
                    let what =
                        model.definitions[name] != nil
                        ? "'\(name)' is defined by a formula; only givens can be trained"
                        : "unknown parameter '\(name)'; expected names of givens such as weights"
                    error(entry.line, entry.column + offset, what)
                } else if parameters.contains(name) {
                    error(entry.line, entry.column + offset, "parameter '\(name)' is listed twice")
                } else {
                    parameters.append(name)
                }
            }
        } else {
            error(header, 1, "[training] needs 'parameters = NAME …'")
        }
        if let entry = training["rate"] {
            if let literal = try? DecimalLiteral(parsing: entry.value) {
                rate = .number(literal.value)
            } else if model.givens[String(entry.value)] != nil {
                rate = .name(String(entry.value))
            } else {
                error(
                    entry.line, entry.column,
                    "expected a learning rate: a number or the name of a given, found '\(entry.value)'")
            }
        } else {
            error(header, 1, "[training] needs 'rate = NUMBER'")
        }
        guard let loss, let rate else { return nil }
        return TrainingSpec(loss: loss, parameters: parameters, rate: rate)
    }
}
