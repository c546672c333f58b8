import Foundation

/// `derivcheck check FILE...`
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Check the claims of fixture files (.deriv).",
        discussion: """
            A fixture holds a model ([model] equations or the [network] shorthand), how it is trained
            ([training]) and the numbers or formulas claimed for it ([claims]); see the README for the
            format. Errors in a file are reported as FILE:LINE:COLUMN: error: MESSAGE (exit status 2).
            """,
        arguments: [.init(name: "files", help: "The fixture files to check.", isRepeating: true)],
        options: VerifyCommand.reportOptions
    )

    static func run(_ parsed: ParsedArguments) -> Int32 {
        VerifyCommand.report(files: parsed.positionals.map { $0 }, parsed)
    }
}
