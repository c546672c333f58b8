import Checker
import Fixture
import Foundation
import Testing

/// End to end beyond the tutorial: the fixtures of `Resources/networks/` (tanh, relu,
/// cross-entropy, two hidden layers, per-neuron biases, trained biases, a model written as
/// equations), whose claims were made by `make_network_fixtures.py` from independent reference
/// values so that each verdict is known by construction. Each claim's note says the verdict it must
/// get (`expect: VERDICT`, optionally `; MISTAKE` that must be among the explanations).
@Suite struct NetworkFixtureTests {
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.networks.path)) ?? []
        return names.filter { $0.hasSuffix(".deriv") }.sorted()
    }()

    /// Reference values: sympy (SymbolicTests/Resources) for the untrained models, mpmath
    /// (`make_training_reference.py`) for the trained ones.
    struct References {
        var values: [String: String] = [:]
        var derivatives: [String: String] = [:]
        var training: [String: String] = [:]

        init() throws {
            for row in try TestPaths.tsv(TestPaths.symbolicResources.appendingPathComponent("values.tsv")) {
                values[row[0] + " " + row[1]] = row[2]
            }
            for row in try TestPaths.tsv(TestPaths.symbolicResources.appendingPathComponent("derivatives.tsv")) {
                derivatives[row[0] + " " + row[1] + " " + row[2]] = row[3]
            }
            for row in try TestPaths.tsv(TestPaths.networks.appendingPathComponent("training-reference.tsv")) {
                training[row[0] + " " + row[1] + " " + row[2]] = row[3]
            }
        }

        func value(of quantity: Quantity, source: String, variant: String) -> String? {
            switch quantity.target {
            case .name(let name):
                if quantity.step == 0, let value = values[source + " " + name] { return value }
                return training[variant + " \(quantity.step) " + name]
            case .derivative(let a, let b):
                return quantity.step == 0 ? derivatives[source + " " + a + " " + b] : nil
            }
        }
    }

    struct Expectation {
        var verdict: String
        var mistake: String?
        init?(note: String?) {
            guard let note, let range = note.range(of: "expect: ") else { return nil }
            let words = note[range.upperBound...].prefix(while: { $0 != "(" }).split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            verdict = words[0]
            mistake = words.count > 1 ? words[1] : nil
        }
    }

    static func source(of text: String) -> (String, String)? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# reference: ") }) else { return nil }
        let words = line.dropFirst("# reference: ".count).split(separator: " ").map(String.init)
        return words.count == 2 ? (words[0], words[1]) : nil
    }

    @Test func everyNetworkHasAFixture() {
        #expect(
            Set(Self.files).isSuperset(of: [
                "tanh.deriv", "relu.deriv", "relu-100.deriv", "cross-entropy.deriv", "trained-biases.deriv",
                "two-hidden.deriv", "equations.deriv", "equations-biases.deriv",
            ]))
    }

    @Test(arguments: files)
    func verdictsAreTheConstructedOnes(file: String) throws {
        let references = try References()
        let text = try TestPaths.text(TestPaths.networks.appendingPathComponent(file))
        let (source, variant) = try #require(Self.source(of: text))
        let fixture = try FixtureReader.read(text: text, file: file)
        let report = try FixtureChecker().check(fixture)
        #expect(report.results.count == fixture.claims.count)
        #expect(fixture.claims.count >= 4)
        var findings = false
        var seen = Set<String>()
        for result in report.results {
            let place = "\(file):\(result.claim.line) \(result.claim.quantity) = \(result.claim.printed)"
            let expected = try #require(Expectation(note: result.claim.note), "\(place): no expectation in the note")
            seen.insert(expected.verdict)
            findings = findings || expected.verdict == "wrong" || expected.verdict == "not-equal"
            #expect(result.verdict.rawValue == expected.verdict, "\(place): \(result.explanations)")
            if let mistake = expected.mistake {
                #expect(result.explanationNames.contains(mistake), "\(place): explanations \(result.explanationNames)")
            }
            if result.claim.literal != nil,
                let reference = references.value(of: result.claim.quantity, source: source, variant: variant)
            {
                let exact = try #require(result.certifiedDigits)
                #expect(
                    Digits.rounded(exact, significant: 20) == Digits.rounded(reference, significant: 20),
                    "\(place): exact \(exact) vs reference \(reference)")
            }
        }
        #expect(report.hasFindings == findings, "\(file)")
        #expect(!seen.isEmpty)
    }

    @Test func theFixturesCoverEveryVerdict() throws {
        var verdicts = Set<String>()
        for file in Self.files {
            let text = try TestPaths.text(TestPaths.networks.appendingPathComponent(file))
            for line in text.split(separator: "\n") {
                if let expectation = Expectation(note: String(line)) { verdicts.insert(expectation.verdict) }
            }
        }
        #expect(verdicts.isSuperset(of: ["exact", "truncated", "last-digit", "wrong", "equal", "not-equal"]))
    }

    /// `equations.deriv` has no wrong claim (exit status 0); every other fixture has one (status 1).
    @Test func findingsOfEachNetwork() throws {
        for file in ["equations.deriv", "tanh.deriv", "relu.deriv"] {
            let text = try TestPaths.text(TestPaths.networks.appendingPathComponent(file))
            let report = try FixtureChecker().check(FixtureReader.read(text: text, file: file))
            #expect(report.hasFindings == (file != "equations.deriv"), "\(file)")
        }
    }

    // MARK: Double-style claims

    static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The tutorial's net and the tanh net evaluated in plain `Double`, the way code would.
    static let doubles: [(file: String, source: String, name: String, value: Double)] = {
        let h1 = logistic(0.15 * 0.05 + 0.20 * 0.10 + 0.35)
        let h2 = logistic(0.25 * 0.05 + 0.30 * 0.10 + 0.35)
        let o1 = logistic(0.40 * h1 + 0.45 * h2 + 0.60)
        let o2 = logistic(0.50 * h1 + 0.55 * h2 + 0.60)
        let e = 0.5 * (0.01 - o1) * (0.01 - o1) + 0.5 * (0.99 - o2) * (0.99 - o2)
        let t1 = tanh(0.1 * 0.6 + -0.2 * -0.4 + 0.1)
        let t2 = tanh(0.3 * 0.6 + 0.4 * -0.4 + 0.1)
        let t3 = tanh(-0.5 * 0.6 + 0.25 * -0.4 + 0.1)
        let p1 = logistic(0.15 * t1 + 0.35 * t2 + -0.45 * t3 + -0.2)
        let p2 = logistic(0.6 * t1 + -0.3 * t2 + 0.05 * t3 + -0.2)
        let f = 0.5 * (0.2 - p1) * (0.2 - p1) + 0.5 * (0.8 - p2) * (0.8 - p2)
        return [
            ("equations.deriv", "equations.deriv", "out_h1", h1), ("equations.deriv", "equations.deriv", "out_o2", o2),
            ("equations.deriv", "equations.deriv", "E_total", e),
            ("equations.deriv", "equations.deriv", "E_o2", 0.5 * (0.99 - o2) * (0.99 - o2)),
            ("tanh.deriv", "tanh-logistic.deriv", "out_h3", t3), ("tanh.deriv", "tanh-logistic.deriv", "out_o1", p1),
            ("tanh.deriv", "tanh-logistic.deriv", "E_total", f), ("tanh.deriv", "tanh-logistic.deriv", "out_h2", t2),
        ]
    }()

    /// The verdict the format gives a 17-significant-digit string, decided here from the reference
    /// (Foundation `Decimal`, 38 digits) and the tool's own `Double`.
    static func expectedVerdict(printed: String, reference: String, double: Double) -> String? {
        guard let p = Decimal(string: printed), let truth = Decimal(string: Self.shortened(reference)),
            let d = Decimal(string: "\(double)"),
            !printed.contains("e"), let point = printed.firstIndex(of: ".")
        else { return nil }
        // The printed precision is the printed decimals (`%.17g` drops trailing zeros, and so claims fewer digits).
        let scale = printed.distance(from: point, to: printed.endIndex) - 1
        var exactTruth = truth
        var r = Decimal()
        var t = Decimal()
        NSDecimalRound(&r, &exactTruth, scale, .bankers)
        var magnitude = truth.magnitude
        NSDecimalRound(&t, &magnitude, scale, .down)
        if truth < 0 { t = -t }
        let unit = Decimal(sign: .plus, exponent: -scale, significand: 1)
        if p == r { return "exact" }
        if p == t { return "truncated" }
        if (p - r).magnitude == unit { return "last-digit" }
        let ulp = Decimal(sign: .plus, exponent: 0, significand: Decimal(Double(truncating: truth as NSNumber).ulp))
        let bound = 4 * max((d - truth).magnitude, ulp)
        let distance = (p - truth).magnitude
        if distance <= bound * Decimal(string: "0.9")! { return "floating" }
        if distance > bound * Decimal(string: "1.1")! { return "wrong" }
        return nil  // too close to the bound to tell with these digits
    }

    /// A reference value cut to the 38 digits `Decimal` holds, its exponent kept.
    static func shortened(_ reference: String) -> String {
        let parts = reference.split(separator: "e")
        return String(parts[0].prefix(40)) + (parts.count > 1 ? "e" + parts[1] : "")
    }

    @Test func decimalHelpers() {
        #expect(
            Self.shortened("-2.9131261245159090581822127282376592815359680491761e-1")
                == "-2.9131261245159090581822127282376592815e-1")
        #expect(
            Self.expectedVerdict(
                printed: "0.2913126124515909", reference: "2.9131261245159090581822127282376592815359680491761e-1",
                double: 0.2913126124515909) == "exact")
        #expect(
            Self.expectedVerdict(
                printed: "0.29131261245159090", reference: "2.9131261245159090581822127282376592815359680491761e-1",
                double: 0.2913126124515909) == "truncated")
        #expect(
            Self.expectedVerdict(
                printed: "0.29131261245159092", reference: "2.9131261245159090581822127282376592815359680491761e-1",
                double: 0.2913126124515909) == "last-digit")
        #expect(
            Self.expectedVerdict(
                printed: "0.29131261245159094", reference: "2.9131261245159090581822127282376592815359680491761e-1",
                double: 0.2913126124515909) == "floating")
        #expect(
            Self.expectedVerdict(
                printed: "0.29131261245159200", reference: "2.9131261245159090581822127282376592815359680491761e-1",
                double: 0.2913126124515909) == "wrong")
        #expect(Digits.rounded("-0.019049118258278108266", significant: 5) == "-1.9049e-2")
        #expect(Digits.rounded("9.9999e3", significant: 3) == "1.00e4")
        #expect(
            Digits.rounded("500001.00000000000000", significant: 20) == Digits.rounded("5.00001e5", significant: 20))
    }

    @Test func seventeenDigitDoubleClaims() throws {
        let references = try References()
        var verdicts: [String] = []
        for file in ["equations.deriv", "tanh.deriv"] {
            let base = try TestPaths.text(TestPaths.networks.appendingPathComponent(file))
            let claims = Self.doubles.filter { $0.file == file }
            let added = claims.map { "\($0.name) = \(String(format: "%.17g", $0.value))" }
            let text = base + added.joined(separator: "\n") + "\n"
            let report = try FixtureChecker().check(FixtureReader.read(text: text, file: file))
            for (claim, result) in zip(claims, report.results.suffix(claims.count)) {
                let reference = try #require(references.values[claim.source + " " + claim.name])
                let double = try #require(result.double)
                guard
                    let expected = Self.expectedVerdict(
                        printed: result.claim.printed, reference: reference, double: double)
                else { continue }
                verdicts.append(expected)
                #expect(
                    result.verdict.rawValue == expected,
                    "\(file): \(claim.name) = \(result.claim.printed), reference \(reference), Double \(double)")
                #expect(result.verdict != .wrong)
            }
        }
        #expect(verdicts.contains("floating"), "\(verdicts)")
    }
}

/// `Trainer` (what `derivcheck train` shows) against the independent training reference.
@Suite struct TrainerReferenceTests {
    @Test(arguments: [
        "tanh.deriv", "cross-entropy.deriv", "trained-biases.deriv", "two-hidden.deriv", "equations.deriv",
        "relu.deriv",
    ])
    func lossAfterTraining(file: String) throws {
        let references = try NetworkFixtureTests.References()
        let text = try TestPaths.text(TestPaths.networks.appendingPathComponent(file))
        let (_, variant) = try #require(NetworkFixtureTests.source(of: text))
        let fixture = try FixtureReader.read(text: text, file: file)
        let records = try Trainer(fixture: fixture).run(steps: 100, every: 50)
        #expect(records.map(\.step) == [0, 50, 100])
        for record in records where record.step != 50 {
            let reference = try #require(references.training["\(variant) \(record.step) E_total"])
            let loss = try #require(record.loss.formatted(significantDigits: 25))
            #expect(
                Digits.rounded(loss, significant: 20) == Digits.rounded(reference, significant: 20),
                "\(file) step \(record.step): \(loss) vs \(reference)")
            // Double keeps most digits over 100 steps (the relu net, whose steps overshoot, keeps 11).
            #expect(record.agreeingDigits >= 8, "Double keeps most digits over 100 steps")
            for (name, value, _) in record.outputs {
                guard let outputReference = references.training["\(variant) \(record.step) \(name)"],
                    let digits = value.formatted(significantDigits: 25)
                else { continue }
                #expect(
                    Digits.rounded(digits, significant: 20) == Digits.rounded(outputReference, significant: 20),
                    "\(file) \(name)@\(record.step)")
            }
        }
    }
}
