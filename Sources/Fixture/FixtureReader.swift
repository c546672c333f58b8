import Exact
import Foundation
import Symbolic

/// Reads the fixture format (see `fixture-format.md`): sections, givens, definitions, the
/// `[network]` shorthand, training and claims, collecting every problem with its position.
public struct FixtureReader {
    /// The largest training step a claim may name.
    public static let stepLimit = 1_000_000

    let file: String
    var diagnostics: [Diagnostic] = []

    struct Line {
        var number: Int
        /// The content without its comment, as Unicode scalars.
        var text: Substring
        var note: String?
    }

    /// A claim's line with the label of its group.
    struct ClaimLine {
        var line: Line
        var group: String?
    }

    struct Located<Value> {
        var value: Value
        var line: Int
        var column: Int
    }

    var givens: [Located<(String, Rational)>] = []
    var definitions: [Located<(String, Substring)>] = []
    var network: [String: Located<Substring>] = [:]
    var training: [String: Located<Substring>] = [:]
    /// The line of each section that may appear once.
    var headers: [Section: Int] = [:]
    var networkHeader: Int? { headers[.network] }
    var trainingHeader: Int? { headers[.training] }
    /// The `[data]` section's lines: its header of names, then one sample per line.
    var dataLines: [Line] = []
    var claimLines: [ClaimLine] = []
    /// The label of the `[claims "label"]` section being read.
    var claimGroup: String?
    var firstUse: [String: Int] = [:]
    /// Names that did not resolve, each with the index of its error (reported once).
    var unknownNames: [String: Int] = [:]
    /// Later lines that used a name already reported unknown, by the index of its error.
    var otherUses: [Int: [Int]] = [:]
    /// The error of the first claim after training in a fixture without [training] (reported once).
    var firstClaimAfterTraining: Int?

    init(file: String) { self.file = file }

    /// Reads a fixture from raw bytes (which must be UTF-8).
    public static func read(bytes: [UInt8], file: String) throws(FixtureError) -> Fixture {
        var reader = FixtureReader(file: file)
        guard let text = reader.decode(bytes) else { throw reader.errors }
        return try reader.read(Self.withoutByteOrderMark(text))
    }

    /// Reads a fixture from text.
    public static func read(text: String, file: String) throws(FixtureError) -> Fixture {
        var reader = FixtureReader(file: file)
        return try reader.read(withoutByteOrderMark(text))
    }

    /// A UTF-8 byte-order mark at the start of a file is ignored.
    static func withoutByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }

    mutating func error(_ line: Int, _ column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message: ParseError.shortened(message)))
    }

    /// Every problem found, in the order of the file (lines are read before definitions are
    /// parsed, so the order found is not the order of the text); an unknown name's error says
    /// where else it is used.
    var errors: FixtureError {
        var diagnostics = diagnostics
        for (index, lines) in otherUses where diagnostics.indices.contains(index) {
            let list = lines.map(String.init).joined(separator: ", ")
            diagnostics[index].message += " (also used at line\(lines.count == 1 ? "" : "s") \(list))"
        }
        return FixtureError(
            diagnostics: diagnostics.enumerated().sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }.map(\.element))
    }

    /// Validates UTF-8, reporting the first bad byte's position.
    mutating func decode(_ bytes: [UInt8]) -> String? {
        switch UTF8Text.scalars(of: bytes) {
        case .success(let scalars):
            return String(scalars)
        case .failure(let bad):
            error(bad.line, bad.column, "invalid UTF-8: a fixture must be UTF-8 text")
            return nil
        }
    }

    // MARK: Lines and sections

    enum Section: String, CaseIterable {
        case model, network, data, training, claims
    }

    /// Reads every line into its section's tables, then assembles the fixture.
    mutating func read(_ text: String) throws(FixtureError) -> Fixture {
        var section: Section?
        var sawContent = false
        // Lines in an unknown section are skipped: the section's header has been reported already.
        var inUnknownSection = false
        // "\r\n" is one Character in Swift, so split on it as well as on "\n" (CRLF files).
        let rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, raw) in rawLines.enumerated() {
            let number = index + 1
            var content = raw.hasSuffix("\r") ? raw.dropLast() : raw
            var note: String?
            if let hash = content.firstIndex(of: "#") {
                note = content[content.index(after: hash)...].trimmingSpaces
                content = content[..<hash]
            }
            let indent = content.unicodeScalars.prefix(while: { $0.properties.isWhitespace }).count
            let trimmed = content.trimmingSpaces
            guard !trimmed.isEmpty else { continue }
            sawContent = true
            let body = Substring(trimmed)
            if body.hasPrefix("[") {
                section = sectionHeader(body, line: number, indent: indent)
                inUnknownSection = section == nil
                continue
            }
            if section == nil, !inUnknownSection {
                error(number, indent + 1, "expected a section header such as [model] or [claims] before this line")
            }
            if let section {
                read(Line(number: number, text: body, note: note), in: section, indent: indent, content: content)
            }
        }
        if !sawContent {
            error(1, 1, "empty fixture: expected a [model] or [network] section and a [claims] section")
        }
        return try assemble()
    }

    /// The section a `[name]` line opens, or `nil` (after reporting it) for an unknown one.
    private mutating func sectionHeader(_ body: Substring, line number: Int, indent: Int) -> Section? {
        let inside = String(body.dropFirst().dropLast()).trimmingSpaces
        let (word, label) = Self.sectionLabel(inside)
        guard body.hasSuffix("]"), let named = Section(rawValue: word), label == nil || named == .claims else {
            let hint = inside.hasPrefix("claims") ? " (a group is written [claims \"label\"])" : ""
            error(
                number, indent + 1,
                "unknown section '\(body)'; expected one of [model], [network], [data], [training], [claims]\(hint)")
            return nil
        }
        claimGroup = label
        let once: [Section: String] = [.network: "[network]", .training: "[training]", .data: "[data]"]
        if let title = once[named] {
            if headers[named] != nil {
                error(number, indent + 1, "a second \(title) section; a fixture has at most one")
            }
            headers[named] = number
        }
        return named
    }

    /// `claims "answer key B"` as the word and the label (without quotes); the label is `nil` without one.
    static func sectionLabel(_ inside: String) -> (word: String, label: String?) {
        // Two quotes: the first opens the label and the last character closes it (a lone quote at
        // the end opens nothing).
        guard let quote = inside.firstIndex(of: "\""), inside.hasSuffix("\""),
            quote < inside.index(before: inside.endIndex)
        else {
            return (inside, nil)
        }
        let word = inside[..<quote].trimmingSpaces
        let label = inside[inside.index(after: quote)..<inside.index(before: inside.endIndex)]
        return (word, String(label))
    }

    /// Files one content line under its section; `content` is the line before trimming (claims keep their columns).
    private mutating func read(_ line: Line, in section: Section, indent: Int, content: Substring) {
        switch section {
        case .model:
            modelLine(line, indent: indent)
        case .network:
            let entry = keyLine(line, indent: indent, existing: network, keys: Self.networkKeys, section: "network")
            if let (key, value) = entry { network[key] = value }
        case .training:
            let entry = keyLine(line, indent: indent, existing: training, keys: Self.trainingKeys, section: "training")
            if let (key, value) = entry { training[key] = value }
        case .data:
            dataLines.append(line)
        case .claims:
            claimLines.append(
                ClaimLine(line: Line(number: line.number, text: content, note: line.note), group: claimGroup))
        }
    }

    /// A name and the column it starts at, checked.
    mutating func name(_ text: Substring, line: Int, column: Int, what: String) -> String? {
        let trimmed = text.trimmingSpaces
        guard Parser.isName(trimmed) else {
            error(
                line, column,
                trimmed.isEmpty
                    ? "expected \(what) before '='"
                    : "'\(trimmed)' is not a valid name: expected a letter or '_', then letters, digits or '_'")
            return nil
        }
        return trimmed
    }

    /// Records a name's first use; a second is an error.
    mutating func claimName(_ name: String, line: Int, column: Int) -> Bool {
        if let first = firstUse[name] {
            error(line, column, "duplicate name '\(name)': already given or defined at line \(first)")
            return false
        }
        firstUse[name] = line
        return true
    }

    /// A parser message with its "at column N" (counted within the expression) made a column of the line.
    static func message(of error: ParseError, startingAt column: Int) -> String {
        guard let range = error.message.range(of: "at column "),
            let number = Int(error.message[range.upperBound...].prefix(while: \.isNumber))
        else { return error.message }
        let end = error.message.index(range.upperBound, offsetBy: String(number).count)
        return error.message[..<range.upperBound] + String(number + column - 1) + error.message[end...]
    }

    static func column(of part: Substring, in line: Substring, indent: Int) -> Int {
        line[..<part.startIndex].unicodeScalars.count + indent + 1
    }

    mutating func modelLine(_ line: Line, indent: Int) {
        let text = line.text
        guard let equals = text.firstIndex(of: "=") else {
            error(line.number, indent + 1, "expected 'name = NUMBER' or 'name := EXPRESSION'")
            return
        }
        let isDefinition = equals > text.startIndex && text[text.index(before: equals)] == ":"
        let left = text[..<(isDefinition ? text.index(before: equals) : equals)]
        let right = text[text.index(after: equals)...]
        let rightStart = right.drop(while: { $0 == " " || $0 == "\t" })
        let rightColumn = Self.column(of: rightStart, in: text, indent: indent)
        guard let name = name(left, line: line.number, column: indent + 1, what: "a name") else { return }
        if isDefinition {
            guard !rightStart.isEmpty else {
                error(line.number, rightColumn, "expected an expression after ':='")
                return
            }
            if claimName(name, line: line.number, column: indent + 1) {
                definitions.append(Located(value: (name, rightStart), line: line.number, column: rightColumn))
            }
            return
        }
        if rightStart.hasPrefix("=") {
            error(
                line.number, rightColumn - 1,
                "'==' belongs in [claims]; in [model] write 'name = NUMBER' or 'name := EXPRESSION'")
            return
        }
        let numberText = rightStart.trimmingSpaces
        do {
            let literal = try DecimalLiteral(parsing: numberText)
            if claimName(name, line: line.number, column: indent + 1) {
                givens.append(Located(value: (name, literal.value), line: line.number, column: indent + 1))
            }
        } catch {
            // The name is still the fixture's: its uses are not errors of their own.
            _ = claimName(name, line: line.number, column: indent + 1)
            self.error(
                line.number, rightColumn + Self.offset(of: error),
                numberText.isEmpty
                    ? "expected a number after '='"
                    : "expected a number, found '\(numberText)': \(error); to define a quantity by a formula write ':='"
            )
        }
    }

    static func offset(of error: DecimalLiteral.ParseError) -> Int {
        if case .unexpected(_, let offset) = error { return offset }
        return 0
    }

    static let networkKeys = [
        "layers", "activation", "inputs", "targets", "weights", "biases", "bias", "loss", "numbering",
    ]
    static let trainingKeys = ["loss", "parameters", "rate", "batch", "reduction"]

    /// `key = value` in [network] or [training]; returns the entry to record.
    mutating func keyLine(
        _ line: Line, indent: Int, existing table: [String: Located<Substring>], keys: [String], section: String
    ) -> (String, Located<Substring>)? {
        let text = line.text
        guard let equals = text.firstIndex(of: "=") else {
            error(line.number, indent + 1, "expected 'key = value' with a key among \(keys.joined(separator: ", "))")
            return nil
        }
        let key = text[..<equals].trimmingSpaces
        guard keys.contains(key) else {
            error(
                line.number, indent + 1,
                "unknown key '\(key)' in [\(section)]; expected one of \(keys.joined(separator: ", "))")
            return nil
        }
        if let first = table[key] {
            error(line.number, indent + 1, "'\(key)' is set twice in [\(section)] (first at line \(first.line))")
            return nil
        }
        let value = text[text.index(after: equals)...].drop(while: { $0 == " " || $0 == "\t" })
        let column = Self.column(of: value, in: text, indent: indent)
        guard !value.trimmingSpaces.isEmpty else {
            error(line.number, column, "expected a value after '\(key) ='")
            return nil
        }
        return (
            key,
            Located(value: Substring(value.trimmingSpaces), line: line.number, column: column)
        )
    }
}
