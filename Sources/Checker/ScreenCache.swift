import Synchronization

/// The `SlotScreen`s of one mistake search, built on first use and shared by every mistake's
/// screening: the programs are compiled once per set of pending claims, not once per mistake.
final class ScreenCache: Sendable {
    private let screens = Mutex<[[Int]: SlotScreen?]>([:])

    /// The screen for these pending claims (nil where the fast path does not apply), built by
    /// `build` the first time; a caller that arrives meanwhile waits for it.
    func screen(pending: [Int], build: () -> SlotScreen?) -> SlotScreen? {
        screens.withLock { cache in
            if let known = cache[pending] { return known }
            let made = build()
            cache[pending] = made
            return made
        }
    }
}
