/// Registers of `Double`s in lanes: each register holds one value per lane, so that several
/// variants of one program run through a single pass of the instructions they share.
///
/// Lane by lane the values are exactly `DoubleRegisters`': the arithmetic is IEEE per lane, and
/// negation, powers and elementary functions apply the same scalar code to each lane. A lane
/// (`lanes`) is itself a register file, on which a variant's own instructions run.
public final class LaneRegisters: RegisterFile {
    /// One value per lane.
    public typealias Lanes = SIMD16<Double>
    /// How many lanes a register holds.
    @inlinable public static var width: Int { Lanes.scalarCount }

    let storage: Storage
    @usableFromInline let values: UnsafeMutablePointer<Lanes>
    public let count: Int
    /// Each lane as plain `Double` registers over the same memory.
    public let lanes: [Lane]

    public init(count: Int) {
        self.count = count
        let storage = Storage(count: count)
        self.storage = storage
        values = storage.values
        lanes = (0..<Self.width).map { Lane(storage, lane: $0) }
    }

    /// The memory of the registers, shared by their lanes.
    final class Storage {
        let values: UnsafeMutablePointer<Lanes>
        let count: Int

        init(count: Int) {
            self.count = count
            values = .allocate(capacity: max(count, 1))
            values.initialize(repeating: Lanes(), count: max(count, 1))
        }

        deinit { values.deallocate() }
    }

    @inlinable public func load(_ value: Rational, into r: Int) { values[r] = Lanes(repeating: value.doubleValue) }
    @inlinable public func copy(_ a: Int, into r: Int) { values[r] = values[a] }
    @inlinable public func add(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] + values[b] }
    @inlinable public func subtract(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] - values[b] }
    @inlinable public func multiply(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] * values[b] }
    @inlinable public func divide(_ a: Int, _ b: Int, into r: Int) { values[r] = values[a] / values[b] }

    /// Lane by lane: `SIMD`'s own negation is `0 − x`, which loses the sign of a zero.
    @inlinable public func negate(_ a: Int, into r: Int) {
        let x = values[a]
        var result = Lanes()
        for lane in x.indices { result[lane] = -x[lane] }
        values[r] = result
    }

    @inlinable public func power(_ a: Int, _ exponent: Int, into r: Int) {
        let x = values[a]
        if exponent == 2 {
            values[r] = x * x
            return
        }
        var result = Lanes()
        for lane in x.indices { result[lane] = DoubleRegisters.power(x[lane], exponent) }
        values[r] = result
    }

    /// `relu` and its derivative as masks, which pick per lane what the scalar code picks:
    /// `Swift.max(x, 0)` is 0 where `0 >= x` (a zero of either sign too) and `x` otherwise (NaN
    /// too); `step` is 1 where `x > 0`. Every other function runs the scalar code lane by lane,
    /// chosen once for all the lanes rather than once per lane.
    @inlinable public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) {
        let x = values[a]
        switch function {
        case .relu: values[r] = x.replacing(with: 0, where: x .<= 0)
        case .step: values[r] = Lanes(repeating: 0).replacing(with: 1, where: x .> 0)
        case .exp: each(a, into: r) { ElementaryFunction.exp($0) }
        case .log: each(a, into: r) { ElementaryFunction.log($0) }
        case .tanh: each(a, into: r) { ElementaryFunction.tanh($0) }
        case .logistic: each(a, into: r) { ElementaryFunction.logistic($0) }
        case .softplus: each(a, into: r) { ElementaryFunction.softplus($0) }
        case .sqrt: each(a, into: r) { ElementaryFunction.sqrt($0) }
        }
    }

    /// Register `r` ← `scalar` of register `a`, lane by lane, in place in memory (a lane is read
    /// before it is written, so `r` may be `a`).
    @inlinable @inline(__always)
    func each(_ a: Int, into r: Int, _ scalar: (Double) -> Double) {
        let source = UnsafeRawPointer(values + a).assumingMemoryBound(to: Double.self)
        let target = UnsafeMutableRawPointer(values + r).assumingMemoryBound(to: Double.self)
        for lane in 0..<Self.width { target[lane] = scalar(source[lane]) }
    }

    @inlinable public func value(at r: Int) -> Lanes { values[r] }
    @inlinable public func set(_ value: Lanes, at r: Int) { values[r] = value }

    /// One lane of `LaneRegisters`: what `DoubleRegisters` would hold for one variant.
    public final class Lane: RegisterFile {
        let storage: Storage
        @usableFromInline let values: UnsafeMutablePointer<Double>
        public var count: Int { storage.count }

        init(_ storage: Storage, lane: Int) {
            self.storage = storage
            values = UnsafeMutableRawPointer(storage.values).assumingMemoryBound(to: Double.self) + lane
        }

        /// Where register `r` of this lane lives.
        @inlinable func at(_ r: Int) -> Int { r * LaneRegisters.width }

        @inlinable public func load(_ value: Rational, into r: Int) { values[at(r)] = value.doubleValue }
        @inlinable public func copy(_ a: Int, into r: Int) { values[at(r)] = values[at(a)] }
        @inlinable public func add(_ a: Int, _ b: Int, into r: Int) { values[at(r)] = values[at(a)] + values[at(b)] }
        @inlinable public func subtract(_ a: Int, _ b: Int, into r: Int) {
            values[at(r)] = values[at(a)] - values[at(b)]
        }
        @inlinable public func multiply(_ a: Int, _ b: Int, into r: Int) {
            values[at(r)] = values[at(a)] * values[at(b)]
        }
        @inlinable public func divide(_ a: Int, _ b: Int, into r: Int) { values[at(r)] = values[at(a)] / values[at(b)] }
        @inlinable public func negate(_ a: Int, into r: Int) { values[at(r)] = -values[at(a)] }
        @inlinable public func power(_ a: Int, _ exponent: Int, into r: Int) {
            values[at(r)] = DoubleRegisters.power(values[at(a)], exponent)
        }
        @inlinable public func apply(_ function: ElementaryFunction, _ a: Int, into r: Int) {
            values[at(r)] = function(values[at(a)])
        }

        @inlinable public func value(at r: Int) -> Double { values[at(r)] }
        @inlinable public func set(_ value: Double, at r: Int) { values[at(r)] = value }
    }
}
