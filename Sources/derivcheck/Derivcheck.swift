import Checker
import Exact
import Foundation
import Symbolic

/// The `derivcheck` command: parses the command line and hands the work to the libraries.
enum Derivcheck {
    static let version = "0.1.0"

    static let spec = CommandSpec(
        name: "derivcheck",
        abstract: "Checks hand-worked backpropagation with certified arbitrary-precision arithmetic.",
        discussion: """
        Every verdict is proved from an enclosure of the exact value (GMP and MPFR underneath),
        never guessed from a Double. Start with 'derivcheck verify', which audits every figure of
        "A Step by Step Backpropagation Example" (Mazur, 2015).

        Exit status: 0 all good, 1 findings (a wrong number or an unequal formula),
        2 bad input (a file, an expression or a name), 64 bad usage.
        """,
        options: [.init(long: "version", short: nil, value: nil, help: "Show the version.")],
        subcommands: [VerifyCommand.spec, CheckCommand.spec, EvalCommand.spec, DeriveCommand.spec, TrainCommand.spec, DiagramCommand.spec]
    )

    static func main(_ arguments: [String]) -> Int32 {
        var words = arguments
        if words.first == "help" {
            words.removeFirst()
            words.append("--help")
        }
        guard let first = words.first, !first.hasPrefix("-") else {
            if words.contains("--version") { Terminal.out(version); return 0 }
            if words.isEmpty || words.contains("--help") || words.contains("-h") {
                Terminal.out(spec.help(path: "derivcheck"))
                return words.isEmpty ? Terminal.Status.usage.rawValue : 0
            }
            return usageError(UsageError(message: "unknown option '\(words[0])'", usage: spec.usage(path: "derivcheck")))
        }
        let rest = Array(words.dropFirst())
        let commands: [(CommandSpec, (ParsedArguments) -> Int32)] = [
            (VerifyCommand.spec, VerifyCommand.run), (CheckCommand.spec, CheckCommand.run),
            (EvalCommand.spec, EvalCommand.run), (DeriveCommand.spec, DeriveCommand.run),
            (TrainCommand.spec, TrainCommand.run), (DiagramCommand.spec, DiagramCommand.run),
        ]
        guard let (command, run) = commands.first(where: { $0.0.name == first }) else {
            let names = commands.map(\.0.name).joined(separator: ", ")
            return usageError(UsageError(message: "unknown subcommand '\(first)'; expected one of \(names)", usage: spec.usage(path: "derivcheck")))
        }
        let path = "derivcheck \(command.name)"
        do {
            let parsed = try command.parse(rest, path: path)
            if parsed.has("help") {
                Terminal.out(command.help(path: path))
                return 0
            }
            return run(parsed)
        } catch {
            return usageError(error)
        }
    }

    static func usageError(_ error: UsageError) -> Int32 {
        Terminal.error("Error: \(error.message)")
        Terminal.error("Usage: \(error.usage)")
        Terminal.error("  See 'derivcheck help' for more.")
        return Terminal.Status.usage.rawValue
    }

    /// Reads `--digits`.
    static func digits(_ parsed: ParsedArguments, default value: Int) throws(UsageError) -> Int {
        try parsed.wholeNumber("digits", default: value, range: 1...1000)
    }

    /// The fixture `--fixture` names, or the tutorial's; `nil` after reporting why it cannot be read.
    static func fixture(for parsed: ParsedArguments) -> Fixture? {
        switch fixture(at: parsed.values["fixture"]) {
        case .success(let fixture):
            return fixture
        case .failure(let error):
            error.report()
            return nil
        }
    }

    /// Writes a file the user asked for; false after reporting why it could not be written.
    static func write(_ text: String, to path: String) -> Bool {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return true
        } catch {
            Terminal.error("Error: cannot write '\(path)': \(error.localizedDescription)")
            return false
        }
    }

    /// Reads a fixture file, or the built-in tutorial when `path` is nil.
    static func fixture(at path: String?) -> Result<Fixture, FixtureLoadError> {
        guard let path else {
            do { return .success(try FixtureReader.read(text: Fixture.tutorialText, file: Fixture.tutorialFileName)) } catch {
                return .failure(.diagnostics(error))
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "it cannot be read"
            return .failure(.unreadable("Error: cannot read '\(path)': \(reason)"))
        }
        do { return .success(try FixtureReader.read(bytes: [UInt8](data), file: path)) } catch {
            return .failure(.diagnostics(error))
        }
    }

    enum FixtureLoadError: Error {
        case unreadable(String)
        case diagnostics(FixtureErrors)

        func report() {
            switch self {
            case .unreadable(let message): Terminal.error(message)
            case .diagnostics(let errors): Terminal.error(errors.description)
            }
        }
    }
}
