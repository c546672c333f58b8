import Checker
import Fixture
import Foundation
import Testing

/// The real tutorials written the version-2 way in `Fixtures/examples/` (a batch-trained neuron
/// with mean-squared error over three samples; a softmax classifier with one relu layer), judged
/// against `Resources/examples/examples-expected.tsv` (mpmath at 60 digits, `make_examples.py`).
@Suite struct ExampleFixturesTests {
    struct Row: Sendable {
        var file: String
        var line: Int
        var verdict: String
        var value: String
    }

    static let rows: [Row] = {
        let url = TestPaths.resources.appendingPathComponent("examples/examples-expected.tsv")
        guard let table = try? TestPaths.tsv(url) else { return [] }
        return table.filter { $0.count == 6 }.map {
            Row(file: $0[0], line: Int($0[1]) ?? 0, verdict: $0[4], value: $0[5])
        }
    }()

    @Test(arguments: ["single-neuron-batch-mse.deriv", "cs231n-relu-softmax.deriv"])
    func verdictsAndValues(file: String) throws {
        let report = try TestPaths.check(packageFile: "Fixtures/examples/\(file)")
        let expected = Self.rows.filter { $0.file == file }
        #expect(expected.count == report.results.count, "\(file): every claim has a reference row")
        for row in expected {
            let result = try #require(report.results.first { $0.claim.line == row.line }, "\(file):\(row.line)")
            #expect(result.verdict.rawValue == row.verdict, "\(file):\(row.line) \(result.claim.quantity)")
            if let exact = result.certifiedDigits {
                #expect(
                    Digits.rounded(exact, significant: 20) == Digits.rounded(row.value, significant: 20),
                    "\(file):\(row.line)")
            }
        }
    }
}
