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
        let resolver = NameResolver(names: model.allNames)
        let claims = claimLines.compactMap { readClaim($0, resolver: resolver, training: trainingSpec) }
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
        // Every name the fixture gives or defines, including ones whose line had an error (their
        // uses are not errors of their own).
        let written = parts.givens.map(\.0) + parts.definitions.map(\.0) + definitions.map(\.value.0)
        let resolver = NameResolver(names: written + firstUse.keys.filter { !written.contains($0) }.sorted())
        for definition in definitions {
            let (name, text) = definition.value
            parts.lines[name] = definition.line
            let expression: Expr
            do {
                expression = try Parser.parse(text, isName: resolver.isName)
            } catch {
                self.error(
                    definition.line, definition.column + error.column - 1,
                    Self.message(of: error, startingAt: definition.column))
                continue
            }
            guard
                let resolved = resolvingNames(
                    in: expression, resolver: resolver, text: text, line: definition.line, column: definition.column,
                    context: "in the definition of '\(name)'")
            else { continue }
            parts.definitions.append((name, resolved))
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

    /// Words people paste for the format's own (fixture format, version 2).
    static let synonyms = ["sigmoid": "logistic", "σ": "logistic", "identity": "linear"]

    private mutating func words<T: RawRepresentable>(_ key: String, as _: T.Type, choices: [String]) -> [T]?
    where T.RawValue == String {
        guard let entry = network[key] else { return nil }
        var result: [T] = []
        var column = entry.column
        for word in entry.value.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.unicodeScalars.count + 1 }
            guard !word.isEmpty else { continue }
            guard let value = T(rawValue: Self.synonyms[String(word)] ?? String(word)) else {
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
            biases: biases, biasMode: biasMode?.first ?? .shared,
            loss: loss?.first ?? (targets == nil ? nil : .halfSquared))
        return (result, header)
    }

    private mutating func readTraining(model: Model) -> TrainingSpec? {
        guard let header = trainingHeader else { return nil }
        let resolver = NameResolver(names: model.allNames)
        let loss = readLoss(model: model, resolver: resolver, header: header)
        let parameters = readParameters(model: model, resolver: resolver, header: header)
        let rate = readRate(model: model, resolver: resolver, header: header)
        guard let loss, let rate else { return nil }
        return TrainingSpec(loss: loss, parameters: parameters, rate: rate)
    }

    /// `loss = NAME`, by default `E_total`. A loss the model lacks is one error, which the claims
    /// that use the same name join instead of repeating it.
    private mutating func readLoss(model: Model, resolver: NameResolver, header: Int) -> String? {
        guard let entry = training["loss"] else {
            if model.definitions["E_total"] != nil { return "E_total" }
            error(header, 1, "[training] needs 'loss = NAME' (the model defines no E_total)")
            return nil
        }
        let written = String(entry.value)
        let resolution = resolver.resolve(written)
        if case .name(let name) = resolution { return name }
        let message =
            model.definitions.keys.contains(where: { $0.hasPrefix("E_") }) || networkHeader == nil
            ? "unknown loss '\(written)'\(resolution.hint)"
            : "unknown loss '\(written)': the network defines no loss; give it 'targets = …' (the loss is then "
                + "half-squared unless 'loss = …' says otherwise)"
        unknownNames[written] = diagnostics.count
        error(entry.line, entry.column, message)
        return nil
    }

    /// `parameters = NAME …`: givens of the model, each once.
    private mutating func readParameters(model: Model, resolver: NameResolver, header: Int) -> [String] {
        guard let entry = training["parameters"] else {
            error(header, 1, "[training] needs 'parameters = NAME …'")
            return []
        }
        var parameters: [String] = []
        var offset = 0
        for word in entry.value.split(separator: " ", omittingEmptySubsequences: false) {
            defer { offset += word.unicodeScalars.count + 1 }
            guard !word.isEmpty else { continue }
            let resolution = resolver.resolve(String(word))
            guard case .name(let name) = resolution else {
                error(entry.line, entry.column + offset, "unknown parameter '\(word)'\(resolution.hint)")
                continue
            }
            if model.givens[name] == nil {
                error(
                    entry.line, entry.column + offset, "'\(name)' is defined by a formula; only givens can be trained")
            } else if parameters.contains(name) {
                error(entry.line, entry.column + offset, "parameter '\(name)' is listed twice")
            } else {
                parameters.append(name)
            }
        }
        return parameters
    }

    /// `rate = NUMBER` or the name of a given.
    private mutating func readRate(model: Model, resolver: NameResolver, header: Int) -> TrainingSpec.Rate? {
        guard let entry = training["rate"] else {
            error(header, 1, "[training] needs 'rate = NUMBER'")
            return nil
        }
        if let literal = try? DecimalLiteral(parsing: entry.value) { return .number(literal.value) }
        if case .name(let name) = resolver.resolve(String(entry.value)), model.givens[name] != nil {
            return .name(name)
        }
        error(
            entry.line, entry.column,
            "expected a learning rate: a number or the name of a given, found '\(entry.value)'")
        return nil
    }
}
