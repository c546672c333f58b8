import Exact
import Fixture

/// The pair screenings of one mistake search, built on first use and shared by every mistake's
/// outcome: the programs are compiled once per set of pending claims, not once per mistake.
final class ScreenCache: Sendable {
    private let screenings = Locked<[[Int]: PairScreening?]>([:])

    /// The screening for these pending claims (nil where the fast path does not apply), built by
    /// `build` the first time; a caller that arrives meanwhile waits for it.
    func screening(pending: [Int], build: () -> PairScreening?) -> PairScreening? {
        screenings.withLock { cache in
            if let known = cache[pending] { return known }
            let made = build()
            cache[pending] = made
            return made
        }
    }
}

/// The pairs of a search screened on one `SlotScreen` in batches of `LaneRegisters.width`, one
/// pass of the shared instructions per batch. The first mistake asked for in a batch runs the
/// whole batch; a caller whose batch another thread is running runs a later batch meanwhile, so
/// that both cores stay busy while the search asks for the mistakes one by one, in order.
final class PairScreening: Sendable {
    let screen: SlotScreen
    let pending: [Int]
    let claims: [Claim]
    private let batches: [Batch]
    /// The batch and lane of each mistake that needs a run.
    private let places: [Mistake: (batch: Int, lane: Int)]

    init(screen: SlotScreen, mistakes: [Mistake], pending: [Int], claims: [Claim]) {
        self.screen = screen
        self.pending = pending
        self.claims = claims
        let running = mistakes.filter {
            screen.relevantClaims(of: $0, pending: pending, claims: claims)?.isEmpty == false
        }
        var batches: [Batch] = []
        var places: [Mistake: (batch: Int, lane: Int)] = [:]
        for start in stride(from: 0, to: running.count, by: LaneRegisters.width) {
            let batch = Array(running[start..<min(start + LaneRegisters.width, running.count)])
            for (lane, mistake) in batch.enumerated() { places[mistake] = (batches.count, lane) }
            batches.append(Batch(batch))
        }
        self.batches = batches
        self.places = places
    }

    /// How many batches the pairs take.
    var batchCount: Int { batches.count }

    /// Whether the mistake is screened in a batch's lane (not on its own).
    func screensInBatch(_ mistake: Mistake) -> Bool { places[mistake] != nil }

    /// Runs a batch now, unless it has run (a caller that arrives meanwhile waits for it).
    func run(batch index: Int) {
        guard batches.indices.contains(index) else { return }
        _ = batches[index].values(self)
    }

    /// `SlotScreen.values(of:)` of one mistake, from its batch's run.
    func values(of mistake: Mistake) -> [(index: Int, value: Double)]? {
        guard let place = places[mistake] else { return screen.values(of: mistake, pending: pending, claims: claims) }
        if let done = batches[place.batch].valuesIfFree(self) { return done[place.lane] }
        for later in batches[(place.batch + 1)...].prefix(2) where later.runIfFree(self) { break }
        return batches[place.batch].values(self)[place.lane]
    }

    /// Mistakes screened together, and their values once run.
    private final class Batch: Sendable {
        let mistakes: [Mistake]
        private let result = Locked<[[(index: Int, value: Double)]?]?>(nil)

        init(_ mistakes: [Mistake]) { self.mistakes = mistakes }

        /// The values, running the batch first if nobody has.
        func values(_ screening: PairScreening) -> [[(index: Int, value: Double)]?] {
            result.withLock { run(screening, into: &$0) }
        }

        /// `values`, unless another thread is running the batch (nil).
        func valuesIfFree(_ screening: PairScreening) -> [[(index: Int, value: Double)]?]? {
            result.withLockIfAvailable { run(screening, into: &$0) }
        }

        /// Whether this call ran the batch: false if it had been run, or another thread holds it.
        func runIfFree(_ screening: PairScreening) -> Bool {
            result.withLockIfAvailable { known in
                guard known == nil else { return false }
                _ = run(screening, into: &known)
                return true
            } ?? false
        }

        private func run(_ screening: PairScreening, into known: inout [[(index: Int, value: Double)]?]?)
            -> [[(index: Int, value: Double)]?]
        {
            if let known { return known }
            let made = screening.screen.values(
                of: mistakes, pending: screening.pending, claims: screening.claims)
            known = made
            return made
        }
    }
}
