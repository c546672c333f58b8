import Exact
import Symbolic

extension FixtureReader {
    /// Turns the collected lines into a fixture, or throws every problem found.
    mutating func assemble() throws(FixtureError) -> Fixture {
        var parts = ModelParts(givens: givens.map(\.value))
        for given in givens { parts.lines[given.value.0] = given.line }
        let written = readData()
        let expandedNetwork = readNetwork(data: written)
        var networkNames: Set<String> = []
        if let (network, line) = expandedNetwork { networkNames = addNetwork(network, header: line, to: &parts) }
        let data = written.map { dataSet($0, parts: &parts, networkNames: networkNames) }
        addDefinitions(to: &parts)
        guard diagnostics.isEmpty else { throw errors }
        let model = try buildModel(parts)
        let trainingSpec = readTraining(model: model, samples: data?.samples.count ?? 1)
        let context = ClaimContext(
            resolver: NameResolver(names: model.allNames), model: model, training: trainingSpec, data: data)
        let claims = claimLines.compactMap { readClaim($0.line, group: $0.group, context: context) }
        guard diagnostics.isEmpty else { throw errors }
        return Fixture(
            file: file, model: model, network: expandedNetwork?.0, training: trainingSpec, claims: claims,
            lines: parts.lines, data: data)
    }

    /// The givens and definitions gathered from every section, with the line of each name.
    struct ModelParts {
        var givens: [(String, Rational)]
        var definitions: [(String, Expr)] = []
        var lines: [String: Int] = [:]
    }

    /// The names a `[network]` generates (returned); a name also given elsewhere is an error at its own line.
    @discardableResult
    private mutating func addNetwork(_ network: Network, header line: Int, to parts: inout ModelParts) -> Set<String> {
        var generated: Set<String> = []
        do {
            let expanded = try network.expanded()
            parts.givens += expanded.givens
            parts.definitions += expanded.definitions
            for name in expanded.givens.map(\.0) + expanded.definitions.map(\.0) {
                if let first = firstUse[name] {
                    error(first, 1, "duplicate name '\(name)': [network] at line \(line) already generates it")
                }
                generated.insert(name)
                parts.lines[name] = line
            }
        } catch {
            // A missing key is reported where it is needed: targets at the loss that needs them.
            let at = self.network[error.key] ?? (error.key == "targets" ? self.network["loss"] : nil)
            self.error(at?.line ?? line, at?.column ?? 1, error.message)
        }
        return generated
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

    /// The `[network]` section as a `Network`, with the line of its header. Inputs and targets the
    /// `[data]` header names come from its first sample (each sample's values replace them in turn).
    private mutating func readNetwork(data: WrittenData?) -> (Network, Int)? {
        guard let header = networkHeader else { return nil }
        var failed = false
        let layers = readLayers(header: header, failed: &failed)
        let activations =
            words("activation", as: Network.Activation.self, choices: Network.Activation.allCases.map(\.rawValue))
            ?? (network["activation"] == nil ? [.logistic] : nil)
        let biasMode = words("bias", as: Network.BiasMode.self, choices: Network.BiasMode.allCases.map(\.rawValue))
        let loss = words("loss", as: Network.Loss.self, choices: Network.Loss.allCases.map(\.rawValue))
        let numbering = words(
            "numbering", as: Network.Numbering.self, choices: Network.Numbering.allCases.map(\.rawValue))
        let inputNames = (1...max(layers.first ?? 1, 1)).map { "i\($0)" }
        let targetNames = (1...max(layers.last ?? 1, 1)).map { "target_o\($0)" }
        let inputs = valuesFromDataOrNetwork("inputs", names: inputNames, data: data, header: header, required: true)
        let targets = valuesFromDataOrNetwork(
            "targets", names: targetNames, data: data, header: header, required: false)
        if inputs == nil { failed = true }
        let weights = numbers("weights")
        if network["weights"] == nil {
            error(header, 1, "[network] needs 'weights = …'")
            failed = true
        }
        let biases = numbers("biases")
        for (key, count) in [("bias", biasMode?.count), ("loss", loss?.count), ("numbering", numbering?.count)]
        where (count ?? 1) != 1 {
            if let entry = network[key] { error(entry.line, entry.column, "expected one word for '\(key)'") }
            failed = true
        }
        guard !failed, let activations, let inputs, let weights,
            network["targets"] == nil || targets != nil, network["biases"] == nil || biases != nil,
            network["bias"] == nil || biasMode != nil, network["loss"] == nil || loss != nil,
            network["numbering"] == nil || numbering != nil
        else { return nil }
        let result = Network(
            layers: layers, activations: activations, inputs: inputs, targets: targets, weights: weights,
            biases: biases, biasMode: biasMode?.first ?? .shared,
            loss: loss?.first ?? (targets == nil ? nil : .halfSquared), numbering: numbering?.first ?? .byReceiver)
        return (result, header)
    }

    /// `layers = …`: whole numbers from 1 to 100000.
    private mutating func readLayers(header: Int, failed: inout Bool) -> [Int] {
        guard let entry = network["layers"] else {
            error(header, 1, "[network] needs 'layers = …' (input, hidden…, output sizes)")
            failed = true
            return []
        }
        var layers: [Int] = []
        for (word, column) in Self.words(of: entry.value) {
            guard let size = Int(word), size > 0, size <= 100_000 else {
                error(
                    entry.line, entry.column + column - 1,
                    "expected a layer size (a whole number from 1 to 100000), found '\(word)'")
                failed = true
                return layers
            }
            layers.append(size)
        }
        return layers
    }

    /// `inputs = …` or `targets = …`, or the first sample's values when `[data]` names them (giving
    /// them in both places is an error); `nil` when absent, which is an error when they are `required`.
    private mutating func valuesFromDataOrNetwork(
        _ key: String, names: [String], data: WrittenData?, header: Int, required: Bool
    ) -> [Rational]? {
        let fromData = firstSampleValues(of: names, in: data)
        if let entry = network[key] {
            if fromData != nil, let data {
                error(
                    entry.line, entry.column,
                    "\(key) are given in [data] (line \(data.header)) too; give them in one place")
            }
            return numbers(key)
        }
        if let fromData { return fromData }
        if required { error(header, 1, "[network] needs '\(key) = …', or a [data] section whose header names them") }
        return nil
    }

    private mutating func readTraining(model: Model, samples: Int) -> TrainingSpec? {
        guard let header = trainingHeader else { return nil }
        let resolver = NameResolver(names: model.allNames)
        let loss = readLoss(model: model, resolver: resolver, header: header)
        let parameters = readParameters(model: model, resolver: resolver, header: header)
        let rate = readRate(model: model, resolver: resolver, header: header)
        let batch = readBatch()
        let reduction = readReduction(header: header, samples: samples)
        guard let loss, let rate, let batch else { return nil }
        return TrainingSpec(loss: loss, parameters: parameters, rate: rate, batch: batch, reduction: reduction)
    }

    /// `batch = full | 1 | K` (default full).
    private mutating func readBatch() -> TrainingSpec.Batch? {
        guard let entry = training["batch"] else { return .full }
        if entry.value == "full" { return .full }
        guard let size = Int(entry.value), size >= 1 else {
            error(
                entry.line, entry.column,
                "expected 'batch = full' or a whole number of samples per step, found '\(entry.value)'")
            return nil
        }
        return .size(size)
    }

    /// `reduction = sum | mean`, required when there is more than one sample.
    private mutating func readReduction(header: Int, samples: Int) -> TrainingSpec.Reduction? {
        guard let entry = training["reduction"] else {
            if samples > 1 {
                error(
                    header, 1,
                    "[training] needs 'reduction = sum' or 'reduction = mean': how the losses of "
                        + "the [data]'s \(samples) samples combine"
                )
            }
            return nil
        }
        guard let reduction = TrainingSpec.Reduction(rawValue: String(entry.value)) else {
            error(entry.line, entry.column, "expected 'reduction = sum' or 'reduction = mean', found '\(entry.value)'")
            return nil
        }
        return reduction
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
