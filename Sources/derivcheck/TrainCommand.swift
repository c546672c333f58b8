import Checker
import Exact
import Foundation

/// `derivcheck train`: certified gradient descent with the `Double` run beside it.
enum TrainCommand {
    static let spec = CommandSpec(
        name: "train",
        abstract: "Train a fixture's network with certified arithmetic beside Double.",
        discussion: """
        For the tutorial's network unless --fixture names another. Every K steps prints the loss
        (certified, 25 significant digits), the loss plain Double arithmetic reaches, how many
        leading significant digits of it are right, and the outputs (certified).
        Example: derivcheck train --steps 10000 --every 1000 --plot loss.svg
        """,
        options: [
            .init(long: "fixture", short: nil, value: "file", help: "A fixture file instead of the tutorial's network."),
            .init(long: "steps", short: nil, value: "n", help: "Training steps, 0 to 1000000 (default: 10000)."),
            .init(long: "every", short: nil, value: "k", help: "Report every k steps, k ≥ 1 (default: 1000)."),
            .init(long: "plot", short: nil, value: "file.svg", help: "Also write an SVG plot of the loss and Double's agreeing digits."),
            .init(long: "json", short: nil, value: nil, help: "Print {\"steps\": [{step, loss, loss_double, agree_digits, outputs}]} as JSON."),
        ]
    )

    static let lossDigits = 25
    static let outputDigits = 25
    static let tableOutputDigits = 15

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let steps: Int, every: Int
        do throws(UsageError) {
            steps = try parsed.wholeNumber("steps", default: 10000, range: 0...1_000_000)
            every = try parsed.wholeNumber("every", default: 1000, range: 1...Int.max, placeholder: "k")
            if let plot = parsed.values["plot"], plot.isEmpty {
                throw UsageError(message: "'--plot' needs a file name", usage: "--plot <file.svg>")
            }
        } catch {
            return Derivcheck.usageError(error)
        }
        guard let fixture = Derivcheck.fixture(for: parsed) else { return Terminal.Status.badInput.rawValue }
        let plotPath = parsed.values["plot"]
        // The plot reads more often than the table, so the curve is smooth; the table keeps its K.
        let plotEvery = max(steps / 250, 1)
        let readEvery = plotPath == nil ? every : gcd(every, plotEvery)
        let records: [Trainer.Record]
        do {
            let trainer = try Trainer(fixture: fixture)
            let bar = steps > 2000 && Terminal.standardErrorIsTerminal ? ProgressBar(total: steps) : nil
            var progress: (@Sendable (Int) -> Void)?
            if let bar { progress = { step in bar.show(step) } }
            records = try trainer.run(steps: steps, every: readEvery, digits: lossDigits, progress: progress)
            bar?.finish()
        } catch {
            Terminal.error("Error: \(fixture.file): \(error.description)")
            return Terminal.Status.badInput.rawValue
        }
        let shown = records.filter { $0.step % every == 0 || $0.step == steps }
        if let plotPath {
            let name = fixture.training?.loss ?? "E_total"
            let layers = fixture.network.map { " (" + $0.layers.map(String.init).joined(separator: "-") + " network)" } ?? ""
            let plot = LossPlot(records: records, title: "\(name) over \(steps) training steps\(layers): certified vs Double", lossName: name)
            do {
                try Data(plot.svg.utf8).write(to: URL(fileURLWithPath: plotPath))
            } catch {
                Terminal.error("Error: cannot write '\(plotPath)': \(error.localizedDescription)")
                return Terminal.Status.badInput.rawValue
            }
        }
        Terminal.out(parsed.has("json") ? json(shown).pretty() : table(shown))
        return 0
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Certified digits of `ball`: `digits` significant ones, or as many as the enclosure decides.
    static func certified(_ ball: Ball, digits: Int) -> String {
        for count in stride(from: digits, through: 1, by: -1) {
            if let text = ball.formatted(significantDigits: count) { return text }
        }
        return ball.description
    }

    static func json(_ records: [Trainer.Record]) -> JSONValue {
        .object([("steps", .array(records.map { record in
            .object([
                ("step", .number("\(record.step)")),
                ("loss", .string(certified(record.loss, digits: lossDigits))),
                ("loss_double", .string("\(record.lossDouble)")),
                ("agree_digits", .number("\(record.agreeingDigits)")),
                ("outputs", .object(record.outputs.map { ($0.name, .string(certified($0.value, digits: outputDigits))) })),
            ])
        }))])
    }

    static func table(_ records: [Trainer.Record]) -> String {
        let outputNames = records.first?.outputs.map(\.name) ?? []
        let headers = ["STEP", "LOSS (certified)", "LOSS (Double)", "AGREE"] + outputNames.map { $0.uppercased() }
        let rows = records.map { record in
            ["\(record.step)", certified(record.loss, digits: lossDigits), "\(record.lossDouble)", "\(record.agreeingDigits)"]
                + record.outputs.map { certified($0.value, digits: tableOutputDigits) }
        }
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 || index == 3 ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [line(headers)] + rows.map(line)
        lines.append("")
        lines.append("AGREE: leading significant digits of the Double loss that match the certified loss.")
        return lines.joined(separator: "\n")
    }
}

/// A one-line progress bar on standard error, redrawn at most a hundred times.
final class ProgressBar: Sendable {
    let total: Int

    init(total: Int) { self.total = max(total, 1) }

    func show(_ step: Int) {
        let stride = max(total / 100, 1)
        guard step % stride == 0 || step == total else { return }
        let width = 30
        let filled = min(width, step * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\rtraining [\(bar)] \(step)/\(total)".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
