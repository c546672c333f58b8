// DeriveBench: for n-n-n logistic networks, derive dE_total/dw for every weight and report the
// time and the size of the expressions.
//
//   swift run -c release --package-path bench/DeriveBench DeriveBench [--sizes 8,16,32,64] [--repeats 3] [--by-layer]
//
// --by-layer adds, per n, the per-weight time of hidden-layer and of output-layer weights apart.
//
// Two ways are timed:
//   per-weight  `Model.derivative(of: "E_total", by: w)` once per weight, as a claim would ask;
//               each call is one reverse sweep from E_total down to that weight.
//   one sweep   `Model.gradient(of: "E_total")` once: a single reverse sweep that gives
//               dE_total/dB for every name B (what checking and training use). The results are
//               checked equal to per-weight.
//
// Sizes: `nodes Σ` is the sum of each derivative's `nodeCount` (each derivative as its own DAG);
// `distinct` counts the structurally distinct nodes of all derivatives together (the size of one
// shared DAG holding them all); `sweep DAG` counts, by identity, the nodes of the one-sweep
// results (what is actually allocated and shared).

import Exact
import Foundation
import Symbolic

struct Options {
    var sizes = [8, 16, 32, 64]
    var repeats = 3
    var byLayer = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--sizes": sizes = iterator.next().map { $0.split(separator: ",").compactMap { Int($0) } } ?? sizes
            case "--repeats": repeats = iterator.next().flatMap(Int.init) ?? repeats
            case "--by-layer": byLayer = true
            default:
                print("unknown argument \(argument)")
                exit(2)
            }
        }
    }
}

/// A fixed, deterministic n-n-n logistic net with half-squared loss and shared biases.
func network(_ n: Int) -> Network {
    func value(_ k: Int, _ scale: Int) -> Rational { Rational((k * 37 + 11) % 101 - 50) / Rational(scale) }
    return Network(
        layers: [n, n, n], activations: [.logistic],
        inputs: (0..<n).map { value($0, 100) }, targets: (0..<n).map { Rational(($0 % 9) + 1) / 10 },
        weights: (0..<(2 * n * n)).map { value($0 * 7 + 3, 50 * n) }, biases: [Rational(35) / 100, Rational(60) / 100],
        biasMode: .shared, loss: .halfSquared)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// The best of `repeats` timings of `body`, with the last result.
func best<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (Double, T) {
    let clock = ContinuousClock()
    var fastest = Double.infinity
    var result: T?
    for _ in 0..<max(repeats, 1) {
        var value: T?
        let elapsed = try clock.measure { value = try body() }
        fastest = min(fastest, seconds(elapsed))
        result = value
    }
    return (fastest, result!)
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func format(_ value: Double, _ places: Int) -> String {
    let scale = pow(10, Double(places))
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < places { text += String(repeating: "0", count: places - decimals) }
    } else if places > 0 {
        text += "." + String(repeating: "0", count: places)
    }
    return text
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let header = [
    "n", "weights", "per-weight s", "µs/weight", "one sweep s", "µs/weight", "nodes Σ", "Σ/weight",
    "distinct", "distinct/weight", "sweep DAG", "DAG/weight",
]
let widths = [4, 8, 13, 10, 12, 10, 11, 9, 10, 16, 10, 11]
print("Derivatives of n-n-n logistic networks: dE_total/dw for every weight (best of \(options.repeats))")
print(zip(header, widths).map { pad($0, $1) }.joined(separator: " "))

for n in options.sizes {
    let (givens, definitions) = try network(n).expanded()
    let model = try Model(givens: givens, definitions: definitions)
    let weights = givens.map(\.0).filter { $0.hasPrefix("w") }

    let (perWeightTime, perWeight) = try best(options.repeats) {
        try weights.map { try model.derivative(of: "E_total", by: $0) }
    }

    let (sweepTime, swept) = best(options.repeats) {
        let gradient = model.gradient(of: "E_total")
        return weights.map { gradient[$0] ?? 0 }
    }
    let mismatches = zip(perWeight, swept).filter { $0 != $1 }.count
    if mismatches > 0 { print("warning: \(mismatches) one-sweep derivatives differ structurally from per-weight ones") }

    let summed = perWeight.reduce(0) { $0 + $1.nodeCount }
    var distinct = Set<Expr>()
    for derivative in perWeight { derivative.forEachNode { distinct.insert($0) } }
    // One node per derivative (exp(d), never merged or flattened) so the sum keeps them apart.
    let sweepDAG = Expr.sum(swept.map { .apply(.exp, $0) }).nodeCount - swept.count - 1

    let count = Double(weights.count)
    let row = [
        "\(n)", "\(weights.count)", format(perWeightTime, 3), format(perWeightTime / count * 1e6, 1),
        format(sweepTime, 3), format(sweepTime / count * 1e6, 1),
        "\(summed)", format(Double(summed) / count, 1), "\(distinct.count)", format(Double(distinct.count) / count, 1),
        "\(sweepDAG)", format(Double(sweepDAG) / count, 1),
    ]
    print(zip(row, widths).map { pad($0, $1) }.joined(separator: " "))
    if options.byLayer {
        let hidden = Array(weights.prefix(n * n))
        let output = Array(weights.suffix(n * n))
        let (hiddenTime, _) = try best(options.repeats) {
            try hidden.map { try model.derivative(of: "E_total", by: $0) }
        }
        let (outputTime, _) = try best(options.repeats) {
            try output.map { try model.derivative(of: "E_total", by: $0) }
        }
        print(
            "     per-weight µs/weight: hidden layer \(format(hiddenTime / Double(n * n) * 1e6, 1)), output layer \(format(outputTime / Double(n * n) * 1e6, 1))"
        )
    }
}
