import Foundation

/// Where output goes, and whether it may be coloured.
struct Terminal {
    /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    static var usesColour: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Exit statuses a CI can act on.
    enum Status: Int32 {
        case success = 0
        case findings = 1
        case badInput = 2
        case usage = 64
    }
}
