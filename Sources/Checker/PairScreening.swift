import Exact
import Fixture

/// The pairs of a search screened on one `SlotScreen` in batches of `LaneRegisters.width`, one
/// pass of the shared instructions per batch. `MistakeSearch.outcomes` runs each batch as a job
/// of its own; a mistake's values wait for its batch (or run it, if no job has yet).
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
        return batches[place.batch].values(self)[place.lane]
    }

    /// Mistakes screened together, and their values once run.
    private final class Batch: Sendable {
        let mistakes: [Mistake]
        private let result = Locked<[[(index: Int, value: Double)]?]?>(nil)

        init(_ mistakes: [Mistake]) { self.mistakes = mistakes }

        /// The values, running the batch first if nobody has (waiting while another thread runs it).
        func values(_ screening: PairScreening) -> [[(index: Int, value: Double)]?] {
            result.withLock { known in
                if let known { return known }
                let made = screening.screen.values(of: mistakes, pending: screening.pending, claims: screening.claims)
                known = made
                return made
            }
        }
    }
}
