/// `derivcheck train`: not built yet (issue 5).
enum TrainCommand {
    static let spec = CommandSpec(name: "train", abstract: "Train a fixture's network with certified arithmetic beside Double.")
    static func run(_ parsed: ParsedArguments) -> Int32 { 0 }
}

/// `derivcheck diagram`: not built yet (issue 5).
enum DiagramCommand {
    static let spec = CommandSpec(name: "diagram", abstract: "Draw a fixture's network as an SVG picture.")
    static func run(_ parsed: ParsedArguments) -> Int32 { 0 }
}
