import Checker
import Pictures
import Reports

/// `derivcheck train`: certified gradient descent with the `Double` run beside it.
enum TrainCommand {
    static let spec = CommandSpec(
        name: "train",
        abstract: "Train a fixture's network with certified arithmetic beside Double.",
        discussion: """
            For the tutorial's network unless --fixture names another. Every K steps prints the loss
            (certified, up to 25 significant digits and at least 12), the loss plain Double reaches, how many
            leading significant digits of it are right, and the outputs (certified).
            Example: derivcheck train --steps 10000 --every 1000 --plot loss.svg
            """,
        options: [
            .init(
                long: "fixture", short: nil, value: "file", help: "A fixture file instead of the tutorial's network."),
            .init(long: "steps", short: nil, value: "n", help: "Training steps, 0 to 1000000 (default: 10000)."),
            .init(long: "every", short: nil, value: "k", help: "Report every k steps, k ≥ 1 (default: 1000)."),
            .init(
                long: "plot", short: nil, value: "file.svg",
                help: "Also write an SVG plot of the loss and Double's agreeing digits."),
            .init(
                long: "json", short: nil, value: nil,
                help: "Print {\"steps\": [{step, loss, loss_double, agree_digits, outputs}]} as JSON."),
        ]
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let steps: Int
        let every: Int
        do throws(UsageError) {
            steps = try parsed.wholeNumber("steps", default: 10000, range: 0...1_000_000)
            every = try parsed.wholeNumber("every", default: 1000, range: 1...Int.max, placeholder: "k")
            if let plot = parsed.values["plot"], plot.isEmpty {
                throw parsed.usageError("'--plot' needs a file name")
            }
        } catch {
            return CommandSupport.usageError(error)
        }
        guard let fixture = CommandSupport.fixture(for: parsed) else { return Terminal.Status.badInput.rawValue }
        let plotPath = parsed.values["plot"]
        // The plot reads more often than the table, so the curve is smooth; the table keeps its K.
        let plotEvery = max(steps / 250, 1)
        let readEvery = plotPath == nil ? every : gcd(every, plotEvery)
        let records: [Trainer.Record]
        do {
            let trainer = try Trainer(fixture: fixture)
            let line = ProgressLine()
            defer { line.finish() }
            records = try trainer.run(steps: steps, every: readEvery, digits: TrainingReport.settledDigits) { step in
                line.update(ProgressLine.bar("training", step: step, total: steps))
            }
        } catch {
            Terminal.error("Error: \(fixture.file): \(error.description)")
            return Terminal.Status.badInput.rawValue
        }
        let shown = records.filter { $0.step % every == 0 || $0.step == steps }
        if let plotPath {
            let name = fixture.training?.loss ?? "E_total"
            let layers =
                fixture.network.map { " (" + $0.layers.map(String.init).joined(separator: "-") + " network)" } ?? ""
            let points = records.map {
                LossPlot.Point(step: $0.step, loss: $0.loss.doubleValue, agreeingDigits: $0.agreeingDigits)
            }
            let plot = LossPlot(
                points: points, title: "\(name) over \(steps) training steps\(layers): certified vs Double",
                lossName: name)
            guard CommandSupport.write(plot.svg, to: plotPath) else { return Terminal.Status.badInput.rawValue }
            Terminal.error("wrote \(plotPath)")
        }
        let report = TrainingReport(records: shown)
        Terminal.out(parsed.has("json") ? report.json.pretty() : report.table)
        return 0
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
