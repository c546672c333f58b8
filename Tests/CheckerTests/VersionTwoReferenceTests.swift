import Checker
import Fixture
import Foundation
import Testing

/// The fixture format's version-2 features against `Resources/v2/` (mpmath at 60 digits,
/// `make_v2_reference.py`, independent of the Swift code): mean-squared, softmax with categorical
/// cross-entropy, by-sender numbering, batch training over three samples (batch 1, 2 and full,
/// sum and mean, 5 steps, per-sample and whole-data quantities), binary32, double rounding and
/// truncated carrying. Every claim says in its note the verdict it must get (`# expect …`, and
/// `exact` where it says nothing) and the explanation where one is named; every certified value
/// must match the reference to 30 digits.
@Suite struct VersionTwoReferenceTests {
    static let directory = TestPaths.resources.appendingPathComponent("v2")
    static let fixtures = [
        "mean-squared", "softmax", "by-sender", "batch-full-sum", "batch-full-mean", "batch-1-sum", "batch-1-mean",
        "batch-2-sum", "batch-2-mean", "float32", "double-rounding", "truncated-carry",
    ]

    /// `value` of each `quantity` of each fixture, as the reference script printed it (40 digits).
    static let reference: [String: String] = {
        guard let rows = try? TestPaths.tsv(directory.appendingPathComponent("v2-reference.tsv")) else { return [:] }
        return Dictionary(
            rows.filter { $0.count == 3 }.map { ("\($0[0]) \($0[1])", $0[2]) }, uniquingKeysWith: { a, _ in a })
    }()

    @Test(arguments: fixtures)
    func verdictsAndValues(fixture name: String) throws {
        let file = "\(name).deriv"
        let text = try TestPaths.text(Self.directory.appendingPathComponent(file))
        let report = try FixtureChecker(digits: 30).check(FixtureReader.read(text: text, file: file))
        #expect(!report.results.isEmpty)
        for result in report.results {
            let place = "\(file):\(result.claim.line) \(result.claim.quantity)"
            let note = result.claim.note ?? ""
            let expected = Self.expectedVerdict(note)
            #expect(result.verdict.rawValue == expected, "\(place): \(result.verdict) \(result.explanations)")
            if note.contains("explanation double-rounding") {
                #expect(result.explanations.contains(.doubleRounding), "\(place)")
            }
            if note.contains("no double-rounding") {
                #expect(!result.explanations.contains(.doubleRounding), "\(place)")
            }
            if let value = Self.reference["\(file) \(result.claim.quantity)"], let exact = result.certifiedDigits {
                #expect(Digits.rounded(exact, significant: 30) == Digits.rounded(value, significant: 30), "\(place)")
            }
        }
    }

    /// The verdict a claim's note expects: the word after `expect`, `exact` when it names none.
    static func expectedVerdict(_ note: String) -> String {
        guard let range = note.range(of: "expect ") else { return "exact" }
        return String(note[range.upperBound...].prefix { $0.isLetter || $0 == "-" })
    }

    /// The `reduction` mistake is found: trained with the other reduction, w5@2 is the value printed.
    @Test(arguments: [("batch-full-sum", "0.364810449721"), ("batch-full-mean", "0.294795673099")])
    func theReductionMistake(fixture name: String, printed: String) throws {
        let file = "\(name).deriv"
        let text = try TestPaths.text(Self.directory.appendingPathComponent(file))
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.hasPrefix("[claims") }
        let report = try FixtureChecker().check(
            FixtureReader.read(text: kept.joined(separator: "\n") + "\n[claims]\nw5@2 = \(printed)\n", file: file))
        #expect(report.results.first?.verdict == .wrong)
        #expect(report.results.first?.explanations.contains(.reduction) == true)
    }
}
