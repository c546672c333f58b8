import Fixture
import Symbolic

/// What is evaluated for each numeric claim under the correct scenario: its value, the
/// neighbouring steps (for off-by-one) and its carried value, as indices into one request list
/// that a single run evaluates.
struct ClaimPlan: Sendable {
    var main: Int
    var neighbours: [(step: Int, request: Int)]
    var carried: Int
    /// The lines of the claimed numbers the carried value uses.
    var carriedFrom: [Int]

    /// The plans of `claims` and the requests they index. Each claim's expression and carried value
    /// are built on the cores side by side (their symbolic work is most of a check's start).
    static func plans(for claims: [Claim], in fixture: Fixture, scenario: Scenario) throws(ClaimError)
        -> (plans: [ClaimPlan], requests: [Request])
    {
        let built = Parallel.map(claims) { claim -> Result<(Expr, CarriedValue), ClaimError> in
            do throws(ModelError) {
                let expression = try scenario.expression(for: claim.quantity.target)
                return .success((expression, CarriedValue(fixture: fixture, claim: claim)))
            } catch {
                let run = RunError(message: error.description, definition: nil, step: claim.quantity.step)
                return .failure(ClaimError(claim: claim, run: run))
            }
        }
        var requests: [Request] = []
        var plans: [ClaimPlan] = []
        for (claim, result) in zip(claims, built) {
            let (expression, carried) = try result.get()
            let step = claim.quantity.step
            let samples = scenario.samples(for: claim.quantity)
            let main = requests.count
            requests.append(Request(step: step, expression: expression, samples: samples))
            var neighbours: [(Int, Int)] = []
            if fixture.training != nil {
                for other in [step - 1, step + 1] where other >= 0 && other <= FixtureReader.stepLimit + 1 {
                    neighbours.append((other, requests.count))
                    requests.append(Request(step: other, expression: expression, samples: samples))
                }
            }
            plans.append(
                ClaimPlan(main: main, neighbours: neighbours, carried: requests.count, carriedFrom: carried.sources))
            requests.append(Request(step: carried.evaluationStep, expression: carried.expression, samples: samples))
        }
        return (plans, requests)
    }
}

/// A claim whose value could not be evaluated (a file error, exit status 2).
struct ClaimError: Error, Sendable {
    var claim: Claim
    var run: RunError
}
