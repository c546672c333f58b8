import Exact

/// Compiles expressions over a model into a `Program`, computing each shared subexpression and
/// each definition once.
public struct ProgramBuilder {
    public let model: Model
    public private(set) var program = Program()
    private var bound: [String: Int] = [:]
    private var definitionRegisters: [String: Int] = [:]
    private var memo: [Expr: Int] = [:]
    private var constants: [Rational: Int] = [:]
    private var origin: String?

    public init(model: Model) { self.model = model }

    /// A new register, loaded in setup with `value` when one is given.
    public mutating func allocate(initial value: Rational? = nil) -> Int {
        let register = program.registerCount
        program.registerCount += 1
        if let value {
            program.setup.append(.load(constant: program.constants.count, into: register))
            program.constants.append(value)
        }
        return register
    }

    /// The register holding a given's value (loaded in setup; overwrite it to change the given).
    public mutating func register(forGiven name: String) -> Int? {
        if let register = bound[name] { return register }
        guard let value = model.givens[name] else { return nil }
        let register = allocate(initial: value)
        bound[name] = register
        return register
    }

    /// Makes `name` read `register` wherever a compiled expression mentions it directly.
    public mutating func bind(_ name: String, to register: Int) { bound[name] = register }

    /// Appends a body instruction.
    public mutating func emit(_ instruction: Program.Instruction) {
        program.body.append(instruction)
        program.origins.append(origin)
    }

    /// Compiles `name` (a given or a definition) and returns its register.
    public mutating func compile(name: String) throws(ModelError) -> Int {
        if let register = bound[name] ?? definitionRegisters[name] { return register }
        if let register = register(forGiven: name) { return register }
        guard let body = model.definitions[name] else { throw .undefinedName(name, usedBy: origin ?? "the expression") }
        try compileDependencies(of: name)
        let outer = origin
        origin = name
        defer { origin = outer }
        let register = try compile(body)
        definitionRegisters[name] = register
        return register
    }

    /// Compiles, in dependency order, every definition `name` needs, so that compiling a long
    /// chain of definitions never recurses deeply.
    private mutating func compileDependencies(of name: String) throws(ModelError) {
        var needed = Set<String>()
        var stack = model.uses[name] ?? []
        while let next = stack.popLast() {
            guard model.definitions[next] != nil, definitionRegisters[next] == nil, bound[next] == nil,
                needed.insert(next).inserted
            else { continue }
            stack.append(contentsOf: model.uses[next] ?? [])
        }
        for definition in model.definitionOrder
        where needed.contains(definition) && definitionRegisters[definition] == nil {
            guard let body = model.definitions[definition] else { continue }
            let outer = origin
            origin = definition
            defer { origin = outer }
            definitionRegisters[definition] = try compile(body)
        }
    }

    /// The program, without the body instructions that cannot affect the `kept` registers, in an
    /// order that runs alike operations one after another (`Program.groupedOrder(of:)`).
    public func finished(keeping kept: [Int]) -> Program {
        var live = Set(kept)
        var keep = [Bool](repeating: false, count: program.body.count)
        for index in program.body.indices.reversed() {
            let instruction = program.body[index]
            let (reads, write) = instruction.registers
            guard live.contains(write) else { continue }
            keep[index] = true
            live.remove(write)
            live.formUnion(reads)
        }
        var result = program
        let kept = program.body.indices.filter { keep[$0] }
        let order = Program.groupedOrder(of: kept.map { program.body[$0] })
        result.body = order.map { program.body[kept[$0]] }
        result.origins = order.map { program.origins.indices.contains(kept[$0]) ? program.origins[kept[$0]] : nil }
        return result
    }

    /// Compiles an expression and returns the register that will hold its value.
    public mutating func compile(_ expr: Expr) throws(ModelError) -> Int {
        if let register = memo[expr] { return register }
        // Children first, iteratively, so deep expressions cannot exhaust the stack.
        var nodes: [Expr] = []
        expr.forEachNode { nodes.append($0) }
        for node in nodes where memo[node] == nil {
            memo[node] = try emitNode(node)
        }
        guard let result = memo[expr] else { throw .undefinedName("?", usedBy: origin ?? "the expression") }
        return result
    }

    private mutating func constant(_ value: Rational) -> Int {
        if let register = constants[value] { return register }
        let register = allocate(initial: value)
        constants[value] = register
        return register
    }

    /// The register of an already compiled subexpression (children are compiled before their parents).
    private func child(_ expr: Expr) -> Int { memo[expr] ?? 0 }

    /// Emits the instructions for one node whose children are already compiled; returns its register.
    private mutating func emitNode(_ node: Expr) throws(ModelError) -> Int {
        switch node.kind {
        case .constant(let value):
            return constant(value)
        case .name(let name):
            return try compile(name: name)
        case .derivative(let quantity, let variable):
            return try compile(model.derivative(of: quantity, by: variable))
        case .sum(let terms):
            return try emitSum(terms)
        case .product(let factors):
            return try emitProduct(factors)
        case .power(let base, let exponent):
            let target = allocate()
            if exponent == -1 {
                emit(.divide(constant(1), child(base), into: target))
            } else {
                emit(.power(child(base), exponent, into: target))
            }
            return target
        case .function(let function, let argument):
            let target = allocate()
            emit(.apply(function, child(argument), into: target))
            return target
        }
    }

    /// A sum as a chain of additions and subtractions, so a term with a negative coefficient is
    /// subtracted rather than negated first.
    private mutating func emitSum(_ terms: [Expr]) throws(ModelError) -> Int {
        // Each term is added or subtracted; the first two combine straight into the target.
        var operands: [(register: Int, negative: Bool)] = []
        for (position, term) in terms.enumerated() {
            let (coefficient, rest) = term.splitCoefficient
            if coefficient.signum < 0, position > 0 {
                operands.append((try compile(Expr.product([.constant(-coefficient), rest])), true))
            } else {
                operands.append((child(term), false))
            }
        }
        let target = allocate()
        guard operands.count >= 2 else {
            emit(.copy(operands.first?.register ?? constant(0), into: target))
            return target
        }
        emit(
            operands[1].negative
                ? .subtract(operands[0].register, operands[1].register, into: target)
                : .add(operands[0].register, operands[1].register, into: target))
        for operand in operands.dropFirst(2) {
            emit(
                operand.negative
                    ? .subtract(target, operand.register, into: target)
                    : .add(target, operand.register, into: target))
        }
        return target
    }

    /// A product as a chain of multiplications (divisions for negative powers), reusing the
    /// longest prefix already compiled and remembering each new one.
    private mutating func emitProduct(_ factors: [Expr]) throws(ModelError) -> Int {
        // Left to right, remembering every prefix: chain-rule products such as
        // δ_o1·out_h1 and δ_o1·w5 share their leading factors, and this shares their work.
        var start = 1
        var accumulated = child(factors[0])
        for length in stride(from: factors.count - 1, through: 2, by: -1) {
            if let register = memo[Expr(.product(Array(factors[..<length])))] {
                start = length
                accumulated = register
                break
            }
        }
        for index in start..<factors.count {
            let factor = factors[index]
            let target = allocate()
            if index == 1, factors[0].constantValue == -1 {
                emit(.negate(child(factor), into: target))
            } else if case .power(let base, let exponent) = factor.kind, exponent < 0 {
                let denominator = exponent == -1 ? child(base) : try compile(base.power(-exponent))
                emit(.divide(accumulated, denominator, into: target))
            } else {
                emit(.multiply(accumulated, child(factor), into: target))
            }
            accumulated = target
            if index < factors.count - 1 { memo[Expr(.product(Array(factors[...index])))] = target }
        }
        return accumulated
    }
}
