/// A subcommand of `derivcheck`: its interface (which drives both its help and its parsing)
/// and what it does with the parsed command line, returning the exit status.
struct Subcommand: Sendable {
    var spec: CommandSpec
    var run: @Sendable (ParsedArguments) -> Int32
}
