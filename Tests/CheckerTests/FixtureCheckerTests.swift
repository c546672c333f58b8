import Checker
import Fixture
import Foundation
import Testing

/// The tutorial's and the readers' fixtures judged by the checker, claim by claim, against
/// `Resources/expected.tsv` (mpmath at 60 digits, `make_expected.py`, independent of the Swift code).
@Suite struct FixtureCheckerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var file: String, line: Int, quantity: String, printed: String, verdict: String, exact: String,
            explanations: [String]
        var testDescription: String { "\(file):\(line) \(quantity)" }
    }

    static let rows: [Row] = {
        guard let table = try? TestPaths.tsv(TestPaths.resources.appendingPathComponent("expected.tsv")) else {
            return []
        }
        return table.map { cells in
            Row(
                file: cells[0], line: Int(cells[1]) ?? 0, quantity: cells[2], printed: cells[3], verdict: cells[4],
                exact: cells[5],
                explanations: cells[6].split(separator: ",").map(String.init).sorted())
        }
    }()

    static let files: [String] = {
        let readers =
            (try? FileManager.default.contentsOfDirectory(
                atPath: TestPaths.packageRoot.appendingPathComponent("Fixtures/readers").path)) ?? []
        return ["Fixtures/mazur-2015.deriv"]
            + readers.filter { $0.hasSuffix(".deriv") }.sorted().map { "Fixtures/readers/" + $0 }
    }()

    @Test func referenceCoversEveryFixture() {
        #expect(Self.rows.count > 60)
        #expect(Set(Self.rows.map(\.file)) == Set(Self.files))
        #expect(Self.files.count == 8)
    }

    @Test(arguments: files)
    func verdictsMatchTheReference(file: String) throws {
        let report = try TestPaths.check(packageFile: file)
        let expected = Self.rows.filter { $0.file == file }
        #expect(report.results.map(\.claim.line) == expected.map(\.line), "the claims, in order")
        for (result, row) in zip(report.results, expected) {
            let place = "\(file):\(row.line) \(row.quantity) = \(row.printed)"
            #expect(result.claim.quantity.description == row.quantity, "\(place)")
            #expect(result.claim.printed == row.printed, "\(place)")
            #expect(result.verdict.rawValue == row.verdict, "\(place): verdict")
            if !row.exact.isEmpty {
                let tool = try #require(result.certifiedDigits, "\(place): no exact digits")
                #expect(
                    Digits.rounded(tool, significant: 20) == Digits.rounded(row.exact, significant: 20),
                    "\(place): exact digits \(tool) vs reference \(row.exact)")
                #expect(
                    Digits.parse(tool).map { $0.digits.count } ?? 20 >= 20 || tool.filter(\.isNumber).count >= 20,
                    "\(place): at least 20 significant digits")
            }
            // The reference fills explanations for numeric claims (make_expected.py); a formula's
            // diagnosis is tested on its own (FormulaDiagnosisTests).
            guard result.claim.literal != nil else { continue }
            #expect(
                result.explanationNames == row.explanations,
                "\(place): explanations \(result.explanations) vs reference \(row.explanations)")
        }
    }

    @Test func tutorialSummaryAndStatus() throws {
        let report = try TestPaths.check(packageFile: "Fixtures/mazur-2015.deriv")
        let counts = Dictionary(uniqueKeysWithValues: report.summary.map { ($0.0.rawValue, $0.1) })
        let expected = Dictionary(grouping: Self.rows.filter { $0.file == "Fixtures/mazur-2015.deriv" }, by: \.verdict)
            .mapValues(\.count)
        #expect(counts == expected)
        #expect(report.hasFindings)
    }

    @Test func readersStatus() throws {
        for file in Self.files.dropFirst() {
            let report = try TestPaths.check(packageFile: file)
            let findings = Self.rows.contains {
                $0.file == file && ($0.verdict == "wrong" || $0.verdict == "not-equal")
            }
            #expect(report.hasFindings == findings, "\(file)")
        }
    }

    /// `derivcheck verify` carries the tutorial inside the binary; it must be the file, byte for byte.
    @Test func exactColumnHasAtLeastTheRequestedDigits() throws {
        let fixture = try FixtureReader.read(text: "[model]\nx := 1/3\n[claims]\nx = 0.333\n", file: "t.deriv")
        let report = try FixtureChecker(digits: 25).check(fixture)
        let exact = try #require(report.results.first?.certifiedDigits)
        #expect(exact.filter(\.isNumber).count(where: { $0 == "3" }) >= 25)
        #expect(report.results.first?.verdict == .exact)
    }

    @Test func evaluationFailureIsReportedAtTheDefinition() throws {
        let fixture = try FixtureReader.read(text: "[model]\nx = -1\ny := log(x)\n[claims]\ny = 0\n", file: "log.deriv")
        #expect(throws: FixtureError.self) { try FixtureChecker().check(fixture) }
        do {
            _ = try FixtureChecker().check(fixture)
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.line == 3, "\(error)")
            #expect(error.description.hasPrefix("log.deriv:3:1: error: cannot evaluate y"), "\(error)")
        }
    }
}
