import Foundation
import Synchronization

/// A one-line progress report on standard error for work that runs longer than a second: drawn
/// only on a terminal, not before a second has passed (short runs stay silent), at most ten times
/// a second, and erased when the work ends.
final class ProgressLine: Sendable {
    private struct State {
        var drawn = false
        var lastDraw: Date = .distantPast
    }

    private let start = Date()
    private let state = Mutex(State())
    private let enabled: Bool
    private let width = Terminal.width
    /// Silence before the first drawing, in seconds.
    static let delay = 1.0

    /// A progress line, or a silent one when standard error is not a terminal.
    init(enabled: Bool = Terminal.standardErrorIsTerminal) { self.enabled = enabled }

    /// Redraws the line with `text` (made only when it is drawn).
    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(start) >= Self.delay else { return }
        let due = state.withLock { state -> Bool in
            guard now.timeIntervalSince(state.lastDraw) >= 0.1 else { return false }
            state.lastDraw = now
            state.drawn = true
            return true
        }
        guard due else { return }
        // One line, narrower than the terminal: a wrapped line could not be redrawn in place.
        var line = "\(text()) (\(Int(now.timeIntervalSince(start))) s)"
        if line.count >= width { line = String(line.prefix(max(width - 2, 1))) + "…" }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// `label [#####-----] step/total`.
    static func bar(_ label: String, step: Int, total: Int) -> String {
        let width = 30
        let filled = min(width, step * width / max(total, 1))
        return "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(step)/\(total)"
    }

    /// Erases the line, if it was drawn.
    func finish() {
        guard state.withLock({ $0.drawn }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
