import Checker
import Fixture
import Reports
import Testing

/// `[claims "label"]` groups (fixture format, version 2): carried values stay inside a group, and
/// every report format shows the label.
@Suite struct ClaimGroupReportTests {
    /// Two answer keys of the same net: key A carries its own rounded out_o1 into E_o1, key B
    /// claims E_o1 alone, so B's E_o1 has nothing to carry from.
    static let text = """
        [network]
        layers = 2 2 2
        inputs = 0.05 0.10
        targets = 0.01 0.99
        weights = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55
        biases = 0.35 0.60
        [claims "key A"]
        out_o1 = 0.75
        E_o1 = 0.27380
        [claims "key B"]
        E_o1 = 0.27380
        """

    @Test func carriedValuesStayInTheirGroup() throws {
        let report = try FixtureChecker().check(FixtureReader.read(text: Self.text, file: "keys.deriv"))
        // ½(0.01 − 0.75)² = 0.27380 exactly: key A's E_o1 is carried from its out_o1; key B's is wrong.
        #expect(report.results.map(\.verdict) == [.exact, .carried, .wrong])
        #expect(report.results.map(\.claim.group) == ["key A", "key A", "key B"])
    }

    @Test(arguments: ReportFormat.allCases)
    func everyFormatShowsTheLabel(format: ReportFormat) throws {
        let report = try FixtureChecker().check(FixtureReader.read(text: Self.text, file: "keys.deriv"))
        let text = report.rendered(as: format, options: ReportOptions())
        #expect(text.contains("key A") && text.contains("key B"), "\(format)")
    }
}
