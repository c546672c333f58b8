import Checker
import Fixture
import Reports

/// `derivcheck verify`: judge every figure of the tutorial and report; `check` shares its reporting.
enum VerifyCommand {
    static let reportOptions = ReportArguments.options

    static let spec = CommandSpec(
        name: "verify",
        abstract: "Audit every figure of \"A Step by Step Backpropagation Example\".",
        discussion: """
            Checks the tutorial's printed numbers and formulas (built into the tool; the same text as
            Fixtures/mazur-2015.deriv, whose lines the report gives) against certified values and
            against plain Double, and names the mistake that reproduces each discrepancy.
            --show-notes quotes the sentence of the post each figure comes from.
            """,
        options: reportOptions
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        report(files: [nil], parsed)
    }

    /// What a file came to: its report, or the errors that stopped it (printed already).
    private enum Outcome {
        case report(FileReport)
        case errors(file: String, FixtureLoadError)
    }

    /// Checks each fixture (nil: the built-in tutorial) and prints the reports; the status is the highest.
    static func report(files: [String?], _ parsed: ParsedArguments) -> Int32 {
        let arguments: ReportArguments
        do { arguments = try ReportArguments(parsed) } catch { return CommandSupport.usageError(error) }
        var options = arguments.options
        if files == [nil] {
            options.heading =
                "\(Fixture.tutorialFileName) (built into derivcheck; --show-notes quotes the post)"
        }
        var status: Int32 = 0
        var outcomes: [Outcome] = []
        for (index, file) in files.enumerated() {
            let outcome = check(file, digits: arguments.digits)
            outcomes.append(outcome)
            switch outcome {
            case .errors(_, let error):
                error.report()
                status = max(status, Terminal.Status.badInput.rawValue)
            case .report(let report):
                status = max(status, (report.hasFindings ? Terminal.Status.findings : .success).rawValue)
                guard arguments.format != .json else { continue }
                Terminal.out(report.rendered(as: arguments.format, options: options))
                if index < files.count - 1 { Terminal.out("") }
            }
        }
        if arguments.format == .json { Terminal.out(json(outcomes, options: options).pretty()) }
        return status
    }

    /// One object per file, reports and errors alike (an array for several files).
    private static func json(_ outcomes: [Outcome], options: ReportOptions) -> JSONValue {
        let objects: [JSONValue] = outcomes.map { outcome in
            switch outcome {
            case .report(let report):
                return options.onlyFindings
                    ? FileReport(file: report.file, results: report.results.filter { $0.verdict.isFinding }).json
                    : report.json
            case .errors(let file, .unreadable(let message)):
                let reason = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
                return FileErrors.json(file: file, errors: [.init(line: nil, column: nil, message: reason)])
            case .errors(let file, .diagnostics(let error)):
                return FileErrors.json(file: file, diagnostics: error.diagnostics)
            }
        }
        return objects.count == 1 ? objects[0] : .array(objects)
    }

    /// Reads and checks one fixture, with a progress line while a long certified run trains.
    private static func check(_ file: String?, digits: Int) -> Outcome {
        let name = file ?? Fixture.tutorialFileName
        let fixture: Fixture
        switch CommandSupport.fixture(at: file) {
        case .failure(let error): return .errors(file: name, error)
        case .success(let read): fixture = read
        }
        let shortName = name.split(separator: "/").last.map(String.init) ?? name
        let line = ProgressLine()
        defer { line.finish() }
        let checker = FixtureChecker(digits: digits) { progress in
            line.update(
                ProgressLine.bar("checking \(shortName): training", step: progress.step, total: progress.steps)
                    + " at \(progress.precision) bits")
        }
        do { return .report(try checker.check(fixture)) } catch { return .errors(file: name, .diagnostics(error)) }
    }
}
