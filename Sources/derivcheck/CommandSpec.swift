import Foundation

/// A command's interface: what it takes and how its help reads, in swift-argument-parser's
/// layout (OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS).
struct CommandSpec: Sendable {
    struct Argument: Sendable {
        var name: String
        var help: String
        var isRepeating = false
        var isOptional = false
    }

    struct Option: Sendable {
        var long: String
        var short: Character?
        /// The value's placeholder, or `nil` for a flag.
        var value: String?
        var help: String
    }

    var name: String
    var abstract: String
    var discussion: String?
    var arguments: [Argument] = []
    var options: [Option] = []
    var subcommands: [CommandSpec] = []

    static let helpOption = Option(long: "help", short: "h", value: nil, help: "Show help information.")

    var allOptions: [Option] { options + [Self.helpOption] }

    /// `derivcheck check <files> ... [--json]`
    func usage(path: String) -> String {
        if !subcommands.isEmpty { return "\(path) <subcommand>" }
        var parts = [path]
        for argument in arguments {
            let base = "<\(argument.name)>" + (argument.isRepeating ? " ..." : "")
            parts.append(argument.isOptional ? "[\(base)]" : base)
        }
        for option in options {
            parts.append("[--\(option.long)" + (option.value.map { " <\($0)>" } ?? "") + "]")
        }
        return parts.joined(separator: " ")
    }

    func help(path: String) -> String {
        var lines = ["OVERVIEW: \(abstract)"]
        if let discussion { lines += ["", discussion] }
        lines += ["", "USAGE: \(usage(path: path))"]
        if !arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for argument in arguments { lines.append(Self.row("<\(argument.name)>", argument.help)) }
        }
        lines += ["", "OPTIONS:"]
        for option in allOptions {
            let flag =
                (option.short.map { "-\($0), " } ?? "") + "--\(option.long)" + (option.value.map { " <\($0)>" } ?? "")
            lines.append(Self.row(flag, option.help))
        }
        if !subcommands.isEmpty {
            lines += ["", "SUBCOMMANDS:"]
            for subcommand in subcommands { lines.append(Self.row(subcommand.name, subcommand.abstract)) }
            lines += ["", "  See '\(path) help <subcommand>' for detailed help."]
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ label: String, _ help: String) -> String {
        let indented = "  " + label
        let column = 26
        if indented.count < column - 1 {
            return indented.padding(toLength: column, withPad: " ", startingAt: 0) + help
        }
        return indented + "\n" + String(repeating: " ", count: column) + help
    }

    /// Splits `arguments` into positionals, option values and flags, checking them against the spec.
    func parse(_ arguments: [String], path: String) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments(usage: usage(path: path), path: path)
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("-") || word == "-" || Self.looksNumeric(word) {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            var name = word.hasPrefix("--") ? String(word.dropFirst(2)) : String(word.dropFirst())
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let isShort = !word.hasPrefix("--")
            guard
                let option = allOptions.first(where: { isShort ? $0.short.map(String.init) == name : $0.long == name })
            else {
                throw UsageError(message: "unknown option '\(word)'", usage: usage(path: path), path: path)
            }
            if let placeholder = option.value {
                if let inlineValue {
                    parsed.values[option.long] = inlineValue
                } else if index < arguments.count {
                    parsed.values[option.long] = arguments[index]
                    index += 1
                } else {
                    throw UsageError(
                        message: "missing value for '--\(option.long) <\(placeholder)>'", usage: usage(path: path),
                        path: path)
                }
            } else {
                guard inlineValue == nil else {
                    throw UsageError(message: "'--\(option.long)' takes no value", usage: usage(path: path), path: path)
                }
                parsed.flags.insert(option.long)
            }
        }
        if parsed.flags.contains("help") { return parsed }
        let required = self.arguments.filter { !$0.isOptional }.count
        let repeating = self.arguments.contains { $0.isRepeating }
        if parsed.positionals.count < required {
            let missing = self.arguments[parsed.positionals.count]
            throw UsageError(
                message: "missing expected argument '<\(missing.name)>'", usage: usage(path: path), path: path)
        }
        if !repeating, parsed.positionals.count > self.arguments.count {
            throw UsageError(
                message: "unexpected argument '\(parsed.positionals[self.arguments.count])'", usage: usage(path: path),
                path: path)
        }
        return parsed
    }

    /// `-0.5` is a value (an expression), not an option.
    private static func looksNumeric(_ word: String) -> Bool {
        guard word.count > 1, let second = word.dropFirst().first else { return false }
        return second.isNumber || second == "." || second == "("
    }
}

/// What the command line said, sorted.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []
    /// The command's usage line, which a usage error prints.
    var usage = ""
    /// `derivcheck check`: where `help` finds the command.
    var path = "derivcheck"

    /// A usage error about this command: its message with the command's usage line.
    func usageError(_ message: String) -> UsageError { UsageError(message: message, usage: usage, path: path) }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// A whole-number option in `range`, or `value` when it is absent.
    func wholeNumber(_ name: String, default value: Int, range: ClosedRange<Int>, placeholder: String = "n")
        throws(UsageError) -> Int
    {
        guard let text = values[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            let bound =
                range.upperBound == Int.max
                ? "\(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
            throw usageError("'--\(name)' takes a whole number \(bound), not '\(text)'")
        }
        return number
    }
}

/// The command line does not fit the command: exit status 64.
struct UsageError: Error {
    var message: String
    var usage: String
    /// The command whose help says more.
    var path = "derivcheck"
}
