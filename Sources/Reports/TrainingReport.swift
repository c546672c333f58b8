import Checker
import Exact

/// What `derivcheck train` prints: the records of a run as an aligned table or as JSON.
public struct TrainingReport: Sendable {
    public var records: [Trainer.Record]

    /// Significant digits shown for the certified loss, and for the outputs in JSON and in the table.
    public static let lossDigits = 25
    /// Significant digits the certified loss must have before `train` stops raising the precision
    /// (a million steps certify a dozen at 128 bits; up to `lossDigits` are shown).
    public static let settledDigits = 12
    public static let outputDigits = 25
    public static let tableOutputDigits = 15

    public init(records: [Trainer.Record]) { self.records = records }

    /// `{"steps": [{"step", "loss", "loss_double", "agree_digits", "outputs"}, …]}`, values as decimal strings.
    public var json: JSONValue {
        .object([
            (
                "steps",
                .array(
                    records.map { record in
                        .object([
                            ("step", .number("\(record.step)")),
                            ("loss", .string(record.loss.formatted(atMostSignificantDigits: Self.lossDigits))),
                            ("loss_double", .string("\(record.lossDouble)")),
                            ("agree_digits", .number("\(record.agreeingDigits)")),
                            (
                                "outputs",
                                .object(
                                    record.outputs.map {
                                        (
                                            $0.name,
                                            .string($0.value.formatted(atMostSignificantDigits: Self.outputDigits))
                                        )
                                    })
                            ),
                        ])
                    })
            )
        ])
    }

    /// One row per record, step and agreeing digits right-aligned, with a line explaining AGREE.
    public var table: String {
        let outputNames = records.first?.outputs.map(\.name) ?? []
        let headers = ["STEP", "LOSS (certified)", "LOSS (Double)", "AGREE"] + outputNames.map { $0.uppercased() }
        let rows = records.map { record in
            [
                "\(record.step)", record.loss.formatted(atMostSignificantDigits: Self.lossDigits),
                "\(record.lossDouble)", "\(record.agreeingDigits)",
            ]
                + record.outputs.map { $0.value.formatted(atMostSignificantDigits: Self.tableOutputDigits) }
        }
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 || index == 3 ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(headers)] + rows.map(line)
        lines.append("")
        lines.append("AGREE: leading significant digits of the Double loss that match the certified loss.")
        return lines.joined(separator: "\n")
    }
}
