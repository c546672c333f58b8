// 10,000 simultaneous gradient-descent steps of the tutorial's 2-2-2 net (Mazur 2015), timed as
// `Trainer.parameters(after:on:)` on certified balls (128 and 256 bits) and on plain Doubles,
// best of `repeats` each; then the certified w1…w8 are checked against the independent mpmath
// run in Tests/CheckerTests/Resources/training.tsv.
//
//     swift run -c release --package-path bench/TrainingBench [steps] [repeats] [only: double|128|256]
//
// The third argument (for profiling, e.g. under `perf record`) runs one configuration only and
// skips the reference check.

import Checker
import Exact
import Fixture
import Foundation

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let steps = arguments.first ?? 10_000
let repeats = arguments.dropFirst().first ?? 5
let only = CommandLine.arguments.dropFirst(3).first

let fixture = try FixtureReader.read(text: Fixture.tutorialText, file: Fixture.tutorialFileName)
let trainer = try Trainer(fixture: fixture)

/// Best of `repeats` runs of `body` in nanoseconds, with the last run's result.
func best<T>(_ body: () throws -> T) rethrows -> (nanoseconds: UInt64, result: T) {
    var fastest = UInt64.max
    var result: T? = nil
    for _ in 0..<repeats {
        let begin = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        fastest = min(fastest, DispatchTime.now().uptimeNanoseconds - begin)
        result = value
    }
    return (fastest, result!)
}

func row(_ name: String, _ nanoseconds: UInt64, baseline: UInt64) -> String {
    let ms = Double(nanoseconds) / 1e6
    let perStep = Double(nanoseconds) / 1e3 / Double(max(steps, 1))
    return
        "| \(name) | \(String(format: "%.2f", ms)) | \(String(format: "%.3f", perStep)) | \(String(format: "%.1f", Double(nanoseconds) / Double(baseline))) |"
}

/// Counts what a training step asks of its registers (computing in Double underneath).
final class CountingRegisters: RegisterFile {
    let inner: DoubleRegisters
    var counts: [String: Int] = [:]
    init(count: Int) { inner = DoubleRegisters(count: count) }
    var count: Int { inner.count }
    func tally(_ name: String) { counts[name, default: 0] += 1 }
    func load(_ value: Rational, into r: Int) {
        tally("load")
        inner.load(value, into: r)
    }
    func copy(_ a: Int, into r: Int) {
        tally("copy")
        inner.copy(a, into: r)
    }
    func add(_ a: Int, _ b: Int, into r: Int) {
        tally("add")
        inner.add(a, b, into: r)
    }
    func subtract(_ a: Int, _ b: Int, into r: Int) {
        tally("subtract")
        inner.subtract(a, b, into: r)
    }
    func multiply(_ a: Int, _ b: Int, into r: Int) {
        tally("multiply")
        inner.multiply(a, b, into: r)
    }
    func divide(_ a: Int, _ b: Int, into r: Int) {
        tally("divide")
        inner.divide(a, b, into: r)
    }
    func negate(_ a: Int, into r: Int) {
        tally("negate")
        inner.negate(a, into: r)
    }
    func power(_ a: Int, _ exponent: Int, into r: Int) {
        tally("power \(exponent)")
        inner.power(a, exponent, into: r)
    }
    func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) {
        tally("\(function)")
        inner.apply(function, a, into: r)
    }
    func value(at r: Int) -> Double { inner.value(at: r) }
    func set(_ value: Double, at r: Int) { inner.set(value, at: r) }
}

if let only {
    let bits = Int(only) ?? 0
    let time: UInt64
    if bits > 0 {
        time = try best { try trainer.parameters(after: steps) { BallRegisters(count: $0, precision: bits) } }
            .nanoseconds
    } else {
        time = try best { try trainer.parameters(after: steps, on: DoubleRegisters.init(count:)) }.nanoseconds
    }
    print("\(only): \(String(format: "%.2f", Double(time) / 1e6)) ms for \(steps) steps, best of \(repeats)")
    exit(0)
}

// What one step costs in register operations: the counts after 2 steps minus those after 1.
var perStepCounts: [String: Int] = [:]
do {
    var files: [CountingRegisters] = []
    for n in [1, 2] {
        _ = try trainer.parameters(after: n) { (count: Int) -> CountingRegisters in
            let file = CountingRegisters(count: count)
            files.append(file)
            return file
        }
    }
    for (name, n) in files[1].counts { perStepCounts[name] = n - (files[0].counts[name] ?? 0) }
}

let double = try best { try trainer.parameters(after: steps, on: DoubleRegisters.init(count:)) }
let ball128 = try best { try trainer.parameters(after: steps) { BallRegisters(count: $0, precision: 128) } }
let ball256 = try best { try trainer.parameters(after: steps) { BallRegisters(count: $0, precision: 256) } }

print("tutorial 2-2-2 net, \(steps) simultaneous steps via Trainer.parameters(after:on:), best of \(repeats)")
print("| registers | ms total | µs / step | × Double |")
print("| --- | ---: | ---: | ---: |")
print(row("DoubleRegisters", double.nanoseconds, baseline: double.nanoseconds))
print(row("BallRegisters, 128 bits", ball128.nanoseconds, baseline: double.nanoseconds))
print(row("BallRegisters, 256 bits", ball256.nanoseconds, baseline: double.nanoseconds))
let operations = perStepCounts.filter { $0.value > 0 }.sorted { $0.value > $1.value }
print(
    "register operations per step (\(operations.reduce(0) { $0 + $1.value }) in all): "
        + operations.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
// Machine-readable lines for bench/run-training-bench.
print(
    "RESULT double_ns=\(double.nanoseconds) ball128_ns=\(ball128.nanoseconds) ball256_ns=\(ball256.nanoseconds) steps=\(steps)"
)

for (bits, run) in [(128, ball128.result), (256, ball256.result)] {
    if let w5 = run["w5"] {
        // Ball.formatted(significantDigits: 30) when the whole ball rounds alike at 30 digits,
        // else the most digits it does decide.
        let decided = stride(from: 30, through: 1, by: -1).lazy
            .compactMap { n in w5.formatted(significantDigits: n).map { (n, $0) } }.first
        let digits = decided.map { "\($0.1) (\($0.0) certified digits)" } ?? "(no digit decided)"
        print(
            "w5 after \(steps) steps, \(bits) bits: \(digits)  radius \(w5.radius.formatted(significantDigits: 2, rule: .towardZero))"
        )
    }
}
if let w5 = double.result["w5"] { print("w5 after \(steps) steps, Double: \(String(format: "%.17g", w5))") }

// The independent check: the mpmath reference values are printed to 40 significant digits, so the
// true value lies within half a unit of the 40th digit of each; every certified ball must meet
// that interval (and, when its radius is wider than the rounding, contain the printed value).
let referencePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Tests/CheckerTests/Resources/training.tsv").path
guard steps == 10_000, let text = try? String(contentsOfFile: referencePath, encoding: .utf8) else {
    print("reference check skipped (needs 10000 steps and \(referencePath))")
    exit(0)
}
var reference: [String: (value: Rational, halfUnit: Rational)] = [:]
for line in text.split(separator: "\n").dropFirst() {
    let columns = line.split(separator: "\t").map(String.init)
    guard columns.count == 4, columns[0] == "simultaneous", columns[1] == "10000",
        let value = Rational(columns[3])
    else { continue }
    // "d.ddd…e±k": the last printed digit has weight 10^(k − (mantissa digits − 1)).
    let parts = columns[3].lowercased().split(separator: "e")
    let mantissaDigits = parts[0].filter(\.isNumber).count
    let exponent = parts.count > 1 ? Int(parts[1])! : 0
    reference[columns[2]] = (value, Rational.powerOfTen(exponent - (mantissaDigits - 1)) * Rational.half)
}
var allGood = true
for (bits, run) in [(128, ball128.result), (256, ball256.result)] {
    var lines: [String] = []
    for name in (1...8).map({ "w\($0)" }) {
        guard let ball = run[name], let expected = reference[name] else {
            lines.append("\(name): missing")
            allGood = false
            continue
        }
        let meets = ball.lower <= expected.value + expected.halfUnit && expected.value - expected.halfUnit <= ball.upper
        let contains = ball.contains(expected.value)
        if !meets { allGood = false }
        lines.append("\(name) \(meets ? "ok" : "FAIL")\(contains ? "" : "*")")
    }
    print("reference check, \(bits) bits, w1…w8 vs training.tsv (mpmath, step 10000): " + lines.joined(separator: ", "))
    if lines.contains(where: { $0.hasSuffix("*") }) {
        print(
            "  (* the ball is tighter than the reference's 40-digit rounding: it meets the interval the printed value rounds, not the printed value itself)"
        )
    }
}
print(allGood ? "reference check: every certified weight encloses the mpmath value" : "reference check: FAILED")
if !allGood { exit(1) }
