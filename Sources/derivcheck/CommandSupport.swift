import Fixture
import Foundation

/// What several subcommands share: reading `--digits` and fixtures, writing files, and saying
/// what went wrong on standard error with the status a CI can act on.
enum CommandSupport {
    /// Prints a usage error with the usage line it concerns; the status is 64.
    static func usageError(_ error: UsageError) -> Int32 {
        Terminal.error("Error: \(error.message)")
        Terminal.error("Usage: \(error.usage)")
        let help =
            error.path == "derivcheck"
            ? "derivcheck help" : "derivcheck help " + error.path.dropFirst("derivcheck ".count)
        Terminal.error("  See '\(help)' for more.")
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
            do {
                return .success(try FixtureReader.read(text: Fixture.tutorialText, file: Fixture.tutorialFileName))
            } catch {
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
}

/// Why a fixture could not be loaded: the file itself, or the problems found in it.
enum FixtureLoadError: Error {
    case unreadable(String)
    case diagnostics(FixtureError)

    func report() {
        switch self {
        case .unreadable(let message): Terminal.error(message)
        case .diagnostics(let errors): Terminal.error(errors.description)
        }
    }
}
