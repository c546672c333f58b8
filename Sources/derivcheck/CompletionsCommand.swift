/// `derivcheck completions bash|zsh|fish`: the shell's completion script, from the subcommand table.
enum CompletionsCommand {
    static let spec = CommandSpec(
        name: "completions",
        abstract: "Print shell completions for bash, zsh or fish.",
        discussion: """
            bash:  eval "$(derivcheck completions bash)"   (or save it in /etc/bash_completion.d/derivcheck)
            zsh:   derivcheck completions zsh > "${fpath[1]}/_derivcheck"
            fish:  derivcheck completions fish > ~/.config/fish/completions/derivcheck.fish
            """,
        arguments: [.init(name: "shell", help: "bash, zsh or fish.")]
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        let name = parsed.positionals.first ?? ""
        guard let shell = CompletionScript.Shell(rawValue: name) else {
            return CommandSupport.usageError(parsed.usageError("unknown shell '\(name)'; expected bash, zsh or fish"))
        }
        Terminal.out(CompletionScript(commands: Derivcheck.subcommands.map(\.spec)).script(for: shell))
        return 0
    }
}
