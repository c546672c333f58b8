import Exact
import Symbolic

extension FixtureReader {
    /// The `[data]` section as written: the header's names (with their columns) and one row of
    /// exact values per sample; a row with the wrong number of columns is an error at that row.
    struct WrittenData {
        var names: [(name: String, column: Int)]
        var rows: [[Rational]]
        var header: Int
    }

    mutating func readData() -> WrittenData? {
        guard let headerLine = headers[.data] else { return nil }
        guard let first = dataLines.first else {
            error(
                headerLine, 1,
                "[data] needs a header of given names (such as 'i1 i2 target_o1') and one line per sample")
            return nil
        }
        let names = Self.words(of: first.text).map { (name: String($0.word), column: $0.column) }
        var rows: [[Rational]] = []
        for line in dataLines.dropFirst() {
            let words = Self.words(of: line.text)
            guard words.count == names.count else {
                error(
                    line.number, 1,
                    "expected \(names.count) values, one per name of the header at line "
                        + "\(first.number), found \(words.count)"
                )
                continue
            }
            var row: [Rational] = []
            for (word, column) in words {
                do { row.append(try DecimalLiteral(parsing: word).value) } catch {
                    self.error(
                        line.number, column + Self.offset(of: error), "expected a number, found '\(word)': \(error)")
                }
            }
            if row.count == names.count { rows.append(row) }
        }
        if rows.isEmpty, dataLines.count == 1 { error(first.number, 1, "[data] has a header but no sample") }
        return WrittenData(names: names, rows: rows, header: first.number)
    }

    /// The words of a line and the column each starts at (a line's text is trimmed: columns from 1).
    static func words(of text: Substring) -> [(word: Substring, column: Int)] {
        var result: [(Substring, Int)] = []
        var column = 1
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.unicodeScalars.count + 1 }
            if !word.isEmpty { result.append((word, column)) }
        }
        return result
    }

    /// Sample 1's value of each data name whose normal form is one of `names` (the network's inputs
    /// or targets), in their order; `nil` when the header names none of them.
    func firstSampleValues(of names: [String], in data: WrittenData?) -> [Rational]? {
        guard let data, let first = data.rows.first else { return nil }
        let resolver = NameResolver(names: names)
        var values: [String: Rational] = [:]
        for (index, written) in data.names.enumerated() {
            if case .name(let name) = resolver.resolve(written.name) { values[name] = first[index] }
        }
        guard !values.isEmpty else { return nil }
        return names.map { values[$0] ?? 0 }
    }

    /// The data set in the model's spelling: each header name resolves to a given of the network or
    /// becomes a new given (sample 1's value); a name also given elsewhere, or defined, is an error.
    mutating func dataSet(_ data: WrittenData, parts: inout ModelParts, networkNames: Set<String>) -> DataSet {
        let resolver = NameResolver(
            names: parts.givens.map(\.0) + parts.definitions.map(\.0) + definitions.map(\.value.0))
        var names: [String] = []
        for (index, written) in data.names.enumerated() {
            var name = written.name
            if case .name(let resolved) = resolver.resolve(written.name) { name = resolved }
            if definitions.contains(where: { $0.value.0 == name }) {
                error(data.header, written.column, "'\(name)' is defined by a formula; [data] gives values to givens")
            } else if let line = givens.first(where: { $0.value.0 == name })?.line {
                error(
                    data.header, written.column,
                    "'\(name)' is given at line \(line) too; a [data] name takes its values from [data] only")
            } else if !networkNames.contains(name) {
                guard Parser.isName(name) else {
                    error(data.header, written.column, "'\(name)' is not a valid name for [data]'s header")
                    continue
                }
                parts.givens.append((name, data.rows.first?[index] ?? 0))
            }
            parts.lines[name] = data.header
            names.append(name)
        }
        return DataSet(names: names, samples: data.rows)
    }
}
