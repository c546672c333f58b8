/// Shell completions made from the subcommand table, as argument-parser tools print them:
/// subcommands, each one's options, the values an option takes, and file names where a file goes.
struct CompletionScript {
    let commands: [CommandSpec]

    enum Shell: String, CaseIterable {
        case bash, zsh, fish
    }

    /// The values an option's placeholder stands for; `nil` for a file name, `[]` for free text.
    static func values(of placeholder: String) -> [String]? {
        switch placeholder {
        case "format": ["text", "markdown", "latex", "json"]
        case "when": ["auto", "always", "never"]
        case "form": ["chain", "delta", "expanded", "all"]
        case "rows": ["findings"]
        case "shell": Shell.allCases.map(\.rawValue)
        case "file", "file.svg": nil
        default: []
        }
    }

    func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash
        case .zsh: zsh
        case .fish: fish
        }
    }

    private static func flags(_ option: CommandSpec.Option) -> [String] {
        ["--\(option.long)"] + (option.short.map { ["-\($0)"] } ?? [])
    }

    private var bash: String {
        var lines = [
            "# bash completion for derivcheck: eval \"$(derivcheck completions bash)\"",
            "_derivcheck() {",
            "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" opts=\"\"",
            "  if [ \"$COMP_CWORD\" -eq 1 ]; then",
            "    COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " ")) help "
                + "--help --version\" -- \"$cur\"))",
            "    return",
            "  fi",
            "  case \"${COMP_WORDS[1]}\" in",
        ]
        for command in commands {
            let words = command.allOptions.flatMap(Self.flags).joined(separator: " ")
            lines.append("    \(command.name)) opts=\"\(words)\" ;;")
        }
        lines += ["  esac", "  case \"$prev\" in"]
        var seen: Set<String> = []
        for option in commands.flatMap(\.allOptions) {
            guard let placeholder = option.value, seen.insert(option.long).inserted else { continue }
            let pattern = Self.flags(option).joined(separator: "|")
            if let values = Self.values(of: placeholder) {
                guard !values.isEmpty else { continue }
                lines.append(
                    "    \(pattern)) COMPREPLY=($(compgen -W \"\(values.joined(separator: " "))\" "
                        + "-- \"$cur\")); return ;;"
                )
            } else {
                lines.append("    \(pattern)) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;")
            }
        }
        lines += [
            "  esac",
            "  if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))",
            "  else COMPREPLY=($(compgen -f -- \"$cur\")); fi",
            "}",
            "complete -F _derivcheck derivcheck",
        ]
        return lines.joined(separator: "\n")
    }

    private var zsh: String {
        var lines = [
            "#compdef derivcheck",
            "# zsh completion for derivcheck: derivcheck completions zsh > \"${fpath[1]}/_derivcheck\"", "",
            "_derivcheck() {", "  local -a commands", "  commands=(",
        ]
        for command in commands { lines.append("    '\(command.name):\(Self.quoted(command.abstract))'") }
        lines += [
            "  )", "  if (( CURRENT == 2 )); then", "    _describe 'subcommand' commands", "    return", "  fi",
            "  case ${words[2]} in",
        ]
        for command in commands {
            let specs = command.allOptions.map { option -> String in
                let help = Self.quoted(option.help)
                guard let placeholder = option.value else { return "'--\(option.long)[\(help)]'" }
                let action =
                    Self.values(of: placeholder).map { $0.isEmpty ? " " : "(\($0.joined(separator: " ")))" } ?? "_files"
                return "'--\(option.long)[\(help)]:\(placeholder):\(action)'"
            }
            lines.append("    \(command.name)) _arguments \(specs.joined(separator: " ")) '*:file:_files' ;;")
        }
        lines += ["  esac", "}", "", "_derivcheck \"$@\""]
        return lines.joined(separator: "\n")
    }

    private var fish: String {
        var lines = [
            "# fish completion for derivcheck: derivcheck completions fish > "
                + "~/.config/fish/completions/derivcheck.fish",
            "complete -c derivcheck -f",
        ]
        for command in commands {
            lines.append(
                "complete -c derivcheck -n __fish_use_subcommand -a \(command.name) -d "
                    + "'\(Self.quoted(command.abstract))'"
            )
        }
        for command in commands {
            for option in command.allOptions {
                var line = "complete -c derivcheck -n '__fish_seen_subcommand_from \(command.name)' -l \(option.long)"
                if let short = option.short { line += " -s \(short)" }
                if let placeholder = option.value {
                    if let values = Self.values(of: placeholder) {
                        line += values.isEmpty ? " -x" : " -xa '\(values.joined(separator: " "))'"
                    } else {
                        line += " -rF"
                    }
                }
                lines.append(line + " -d '\(Self.quoted(option.help))'")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Text inside single quotes (and zsh's brackets), with those characters made harmless.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "'", with: "’").replacingOccurrences(of: "[", with: "(")
            .replacingOccurrences(of: "]", with: ")").replacingOccurrences(of: ":", with: " -")
    }
}
