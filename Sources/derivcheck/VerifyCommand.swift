import Checker
import Reports

/// `derivcheck verify`: judge every figure of the tutorial and report; `check` shares its reporting.
enum VerifyCommand {
    static let reportOptions: [CommandSpec.Option] = [
        .init(
            long: "json", short: nil, value: nil,
            help: "Print the JSON report of the fixture format (same as --format json)."),
        .init(long: "format", short: nil, value: "format", help: "text, markdown, latex or json (default: text)."),
        .init(long: "digits", short: nil, value: "n", help: "Significant digits of the exact column (default: 20)."),
    ]

    static let spec = CommandSpec(
        name: "verify",
        abstract: "Audit every figure of \"A Step by Step Backpropagation Example\".",
        discussion: """
            Checks the tutorial's printed numbers and formulas (built into the tool; the same text as
            Fixtures/mazur-2015.deriv) against certified values and against plain Double, and names
            the mistake that reproduces each discrepancy.
            """,
        options: reportOptions
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        report(files: [nil], parsed)
    }

    /// Checks each fixture (nil: the built-in tutorial) and prints the reports; the status is the highest.
    static func report(files: [String?], _ parsed: ParsedArguments) -> Int32 {
        let format: ReportFormat
        let digits: Int
        do throws(UsageError) {
            digits = try CommandSupport.digits(parsed, default: 20)
            if parsed.has("json") {
                format = .json
            } else if let name = parsed.values["format"] {
                guard let chosen = ReportFormat(rawValue: name) else {
                    throw UsageError(
                        message: "unknown format '\(name)'; expected text, markdown, latex or json",
                        usage: "--format <format>")
                }
                format = chosen
            } else {
                format = .text
            }
        } catch {
            return CommandSupport.usageError(error)
        }
        var status: Int32 = 0
        var reports: [FileReport] = []
        let checker = FixtureChecker(digits: digits)
        for file in files {
            switch CommandSupport.fixture(at: file) {
            case .failure(let error):
                error.report()
                status = max(status, Terminal.Status.badInput.rawValue)
            case .success(let fixture):
                do {
                    let report = try checker.check(fixture)
                    reports.append(report)
                    status = max(status, (report.hasFindings ? Terminal.Status.findings : .success).rawValue)
                    if format != .json {
                        Terminal.out(report.rendered(as: format, colour: Terminal.usesColour))
                        if reports.count < files.count { Terminal.out("") }
                    }
                } catch {
                    Terminal.error(error.description)
                    status = max(status, Terminal.Status.badInput.rawValue)
                }
            }
        }
        if format == .json {
            let json: JSONValue = files.count == 1 && reports.count == 1 ? reports[0].json : .array(reports.map(\.json))
            if !reports.isEmpty || files.count > 1 { Terminal.out(json.pretty()) }
        }
        return status
    }
}
