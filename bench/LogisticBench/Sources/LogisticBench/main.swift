// Nanoseconds per certified `logistic` (BallRegisters at 128 and 512 bits) against the same loop
// in DoubleRegisters and in plain Swift `1/(1+exp(-x))`, all measured in this run.
//
//     swift run -c release --package-path bench/LogisticBench [iterations] [repeats]

import Exact
import Foundation

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let iterations = arguments.first ?? 200_000
let repeats = arguments.dropFirst().first ?? 5
let start: Rational = Rational("0.3775")!

/// Best of `repeats` runs of `body`, in nanoseconds per iteration.
func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = UInt64.max
    for _ in 0..<repeats {
        let begin = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, DispatchTime.now().uptimeNanoseconds - begin)
    }
    return Double(fastest) / Double(iterations)
}

var sink = 0.0
let plain = best {
    var x = start.doubleValue
    for _ in 0..<iterations { x = 1 / (1 + exp(-x)) }
    sink += x
}

let doubles = DoubleRegisters(count: 1)
let doubleRegisters = best {
    doubles.load(start, into: 0)
    for _ in 0..<iterations { doubles.apply(.logistic, 0, into: 0) }
    sink += doubles.value(at: 0)
}

var rows: [(String, Double)] = [("plain Swift 1/(1+exp(-x))", plain), ("DoubleRegisters", doubleRegisters)]
var certified: [String] = []
for precision in [128, 512] {
    let balls = BallRegisters(count: 1, precision: precision)
    let time = try best {
        try balls.load(start, into: 0)
        for _ in 0..<iterations { try balls.apply(.logistic, 0, into: 0) }
    }
    let value = balls.value(at: 0)
    certified.append("\(precision) bits: \(value)  (\(value.formatted(significantDigits: 30) ?? "–"))")
    rows.append(("BallRegisters, \(precision) bits", time))
}

// Cross-check (and, under valgrind, exercise Ball, Rational and BigInt and the error paths):
// the value-type Ball API agrees with the registers, and a refused division releases its storage.
for precision in [128, 512] {
    let x = Ball(start, precision: precision)
    var y = x
    for _ in 0..<50 { y = try y.applying(.logistic) }
    let chain = try ((y * y + x) / x - x).power(-2) + Ball(Rational("3/7")!, precision: precision)
    let third = Ball(Rational(numerator: BigInt(1), denominator: BigInt.powerOfTen(1) - 7)!, precision: precision)
    do { _ = try chain / (third - third) } catch { precondition(error == .divisionByZero) }
    precondition(chain.formatted(significantDigits: 12) != nil && y.contains(y.midpoint))
    precondition(Rational("0.1")!.doubleValue == 0.1)
}

print("certified logistic, \(iterations) iterations in place from x = 0.3775, best of \(repeats)")
print("| loop | ns / logistic | × plain Double |")
print("| --- | ---: | ---: |")
for (name, time) in rows {
    print("| \(name) | \(String(format: "%.1f", time)) | \(String(format: "%.1f", time / plain)) |")
}
for line in certified { print(line) }
print("Double checksum (keeps the loops alive): \(sink)")
