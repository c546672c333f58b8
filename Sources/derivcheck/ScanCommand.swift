import Checker
import Fixture
import Foundation
import Reports
import Scan

/// `derivcheck scan FILE... [--fixture F] [--emit-fixture OUT]`: checks a post as it is written.
enum ScanCommand {
    static let spec = CommandSpec(
        name: "scan",
        abstract: "Check a post (Markdown, LaTeX, notebook, text) as it is written, with no fixture to type.",
        discussion: """
            Finds the post's math ($…$, $$…$$, \\(…\\), \\[…\\], equation and align environments) and
            its plain 'NAME = NUMBER' lines, and checks every step of arithmetic against the post's
            own printed operands. With --fixture (the model and training), every formula and number
            about the model is judged as 'check' judges it. Rows are located FILE:LINE:COLUMN.
            """,
        arguments: [.init(name: "files", help: "The posts to scan.", isRepeating: true)],
        options: [
            .init(long: "fixture", short: nil, value: "file", help: "The model and training (its claims are ignored)."),
            .init(
                long: "emit-fixture", short: nil, value: "out",
                help: "Write the fixture 'check' would judge the same way (one post only)."),
        ] + VerifyCommand.reportOptions.filter { ["json", "format", "digits", "color"].contains($0.long) }
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let format: ReportFormat
        let digits: Int
        let colour: Bool
        do throws(UsageError) {
            digits = try CommandSupport.digits(parsed, default: 20)
            format = try reportFormat(parsed)
            colour = Terminal.usesColour(try ReportArguments.colourMode(parsed))
            if parsed.values["emit-fixture"] != nil, parsed.positionals.count != 1 {
                throw parsed.usageError("'--emit-fixture' takes one post")
            }
        } catch {
            return CommandSupport.usageError(error)
        }
        var model: ScanModel?
        if let path = parsed.values["fixture"] {
            switch CommandSupport.fixture(at: path) {
            case .failure(let error):
                error.report()
                return Terminal.Status.badInput.rawValue
            case .success(let fixture): model = ScanModel(fixture: fixture)
            }
        }
        var status: Int32 = 0
        var reports: [ScanReport] = []
        for file in parsed.positionals {
            guard let (report, outcome) = scan(file, model: model, digits: digits) else {
                status = max(status, Terminal.Status.badInput.rawValue)
                continue
            }
            reports.append(report)
            status = max(status, (report.hasFindings ? Terminal.Status.findings : .success).rawValue)
            if let out = parsed.values["emit-fixture"], let model, let source = parsed.values["fixture"] {
                guard emit(outcome, model: model, source: source, to: out) else {
                    return Terminal.Status.badInput.rawValue
                }
            }
            if format != .json {
                Terminal.out(report.rendered(as: format, colour: colour))
                if reports.count < parsed.positionals.count { Terminal.out("") }
            }
        }
        if format == .json, !reports.isEmpty {
            Terminal.out(
                (reports.count == 1 && parsed.positionals.count == 1 ? reports[0].json : .array(reports.map(\.json)))
                    .pretty())
        }
        return status
    }

    static func reportFormat(_ parsed: ParsedArguments) throws(UsageError) -> ReportFormat {
        if parsed.has("json") { return .json }
        guard let name = parsed.values["format"] else { return .text }
        guard let chosen = ReportFormat(rawValue: name) else {
            throw parsed.usageError("unknown format '\(name)'; expected text, markdown, latex or json")
        }
        return chosen
    }

    /// Scans and judges one post; `nil` after reporting why it could not be read or checked.
    static func scan(_ file: String, model: ScanModel?, digits: Int) -> (ScanReport, ScanOutcome)? {
        guard let data = FileManager.default.contents(atPath: file) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "it cannot be read"
            Terminal.error("Error: cannot read '\(file)': \(reason)")
            return nil
        }
        let outcome: ScanOutcome
        do { outcome = try DocumentScanner.scan(bytes: [UInt8](data), file: file, model: model) } catch {
            Terminal.error(error.message)
            return nil
        }
        var report = ScanReport(
            file: file,
            skipped: outcome.skipped.map { .init(line: $0.line, column: $0.column, text: $0.text, reason: $0.reason) },
            modelMissing: model == nil)
        if let model, !outcome.claims.isEmpty {
            let base = model.fixture
            let fixture = Fixture(
                file: file, model: base.model, network: base.network, training: base.training, claims: outcome.claims,
                lines: base.lines)
            do throws(FixtureError) {
                let checked = try FixtureChecker(digits: digits).check(fixture)
                for (result, expression) in zip(checked.results, outcome.expressions) {
                    report.add(result, expression: expression)
                }
            } catch {
                Terminal.error(error.description)
                return nil
            }
        }
        let judge = StepJudge(digits: digits)
        for step in outcome.steps {
            let result = judge.judge(step.expression, rounded: step.rounded, printed: step.printed)
            report.addStep(
                result, line: step.line, column: step.column, expression: step.text, quantity: step.quantity,
                printed: step.printed.text)
        }
        return (report, outcome)
    }

    private static func emit(_ outcome: ScanOutcome, model: ScanModel, source: String, to out: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: source) else { return false }
        let text = FixtureEmitter.text(
            source: String(decoding: data, as: UTF8.self), claims: outcome.claims, post: outcome.file)
        return CommandSupport.write(text, to: out)
    }
}
