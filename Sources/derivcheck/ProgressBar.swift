import Foundation

/// A one-line progress bar on standard error, redrawn at most a hundred times.
final class ProgressBar: Sendable {
    let total: Int

    init(total: Int) { self.total = max(total, 1) }

    func show(_ step: Int) {
        let stride = max(total / 100, 1)
        guard step % stride == 0 || step == total else { return }
        let width = 30
        let filled = min(width, step * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\rtraining [\(bar)] \(step)/\(total)".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
