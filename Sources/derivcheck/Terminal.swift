import Foundation

/// Where output goes, whether it may be coloured, and how wide the terminal is.
struct Terminal {
    /// `--color`: `auto` colours only a terminal, and never with `NO_COLOR` set (https://no-color.org)
    /// or `TERM=dumb`; `always` and `never` say so whatever the environment.
    enum ColourMode: String, CaseIterable {
        case auto, always, never
    }

    /// Whether standard output is coloured under `mode`.
    static func usesColour(_ mode: ColourMode = .auto) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return isatty(STDOUT_FILENO) != 0 && !noColour && environment["TERM"] != "dumb"
        }
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The columns reports fit in: `COLUMNS` when it is a positive number, else the terminal's
    /// width (standard output's, then standard error's), else 100.
    static var width: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        for descriptor in [STDOUT_FILENO, STDERR_FILENO] where isatty(descriptor) != 0 {
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return 100
    }

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
