import Checker

/// Rows of cells in columns as wide as their widest cell (the last column unpadded), two spaces
/// apart, with one column's verdicts coloured when asked: the wide tables of `check` and `scan`.
struct AlignedTable {
    var headers: [String]
    var rows: [[String]]
    /// Each row's verdict, for colouring the `verdictColumn`.
    var verdicts: [Verdict]
    var verdictColumn: Int
    var colour: Bool

    /// The header line, then one line per row.
    var lines: [String] {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count - 1 {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String], verdict: Verdict?) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let last = index == cells.count - 1
                let padding = last ? "" : String(repeating: " ", count: max(widths[index] - cell.count, 0))
                text += (index == verdictColumn && colour ? VerdictColour.coloured(cell, verdict) : cell) + padding
                if !last { text += "  " }
            }
            return text.trimmingTrailingSpaces()
        }
        return [line(headers, verdict: nil)] + zip(rows, verdicts).map { line($0, verdict: $1) }
    }
}
