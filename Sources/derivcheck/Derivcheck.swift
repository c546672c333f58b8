/// The `derivcheck` command: parses the command line and hands the work to the libraries.
enum Derivcheck {
    static let version = "0.1.0"

    static let spec = CommandSpec(
        name: "derivcheck",
        abstract: "Checks hand-worked backpropagation with certified arbitrary-precision arithmetic.",
        discussion: """
            Every verdict is proved from an enclosure of the exact value (GMP and MPFR underneath),
            never guessed from a Double. Start with 'derivcheck verify', which audits every figure of
            "A Step by Step Backpropagation Example" (Mazur, 2015).

            Exit status: 0 all good, 1 findings (a wrong number or an unequal formula),
            2 bad input (a file, an expression or a name), 64 bad usage.
            """,
        options: [.init(long: "version", short: nil, value: nil, help: "Show the version.")],
        subcommands: subcommands.map { $0.spec }
    )

    /// Every subcommand, in the order help lists them: the one table for help and dispatch.
    static let subcommands: [Subcommand] = [
        Subcommand(spec: VerifyCommand.spec, run: VerifyCommand.run),
        Subcommand(spec: CheckCommand.spec, run: CheckCommand.run),
        Subcommand(spec: ScanCommand.spec, run: ScanCommand.run),
        Subcommand(spec: EvalCommand.spec, run: EvalCommand.run),
        Subcommand(spec: DeriveCommand.spec, run: DeriveCommand.run),
        Subcommand(spec: TrainCommand.spec, run: TrainCommand.run),
        Subcommand(spec: DiagramCommand.spec, run: DiagramCommand.run),
        Subcommand(spec: CompletionsCommand.spec, run: CompletionsCommand.run),
    ]

    static func main(_ arguments: [String]) -> Int32 {
        var words = arguments
        if words.first == "help" {
            words.removeFirst()
            words.append("--help")
        }
        guard let first = words.first, !first.hasPrefix("-") else {
            if words.contains("--version") {
                Terminal.out(version)
                return 0
            }
            if words.isEmpty || words.contains("--help") || words.contains("-h") {
                Terminal.out(spec.help(path: "derivcheck"))
                return words.isEmpty ? Terminal.Status.usage.rawValue : 0
            }
            return CommandSupport.usageError(
                UsageError(message: "unknown option '\(words[0])'", usage: spec.usage(path: "derivcheck")))
        }
        let rest = Array(words.dropFirst())
        guard let subcommand = subcommands.first(where: { $0.spec.name == first }) else {
            let names = subcommands.map(\.spec.name).joined(separator: ", ")
            return CommandSupport.usageError(
                UsageError(
                    message: "unknown subcommand '\(first)'; expected one of \(names)",
                    usage: spec.usage(path: "derivcheck")))
        }
        let command = subcommand.spec
        let path = "derivcheck \(command.name)"
        do {
            let parsed = try command.parse(rest, path: path)
            if parsed.has("help") {
                Terminal.out(command.help(path: path))
                return 0
            }
            return subcommand.run(parsed)
        } catch {
            return CommandSupport.usageError(error)
        }
    }
}
