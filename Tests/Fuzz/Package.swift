// swift-tools-version:6.0
// libFuzzer targets for derivcheck, kept out of the shipped package: they are executables whose
// `main` comes from libFuzzer, so they link only with `-sanitize=fuzzer`. Build and run them
// with `scripts/fuzz-libfuzzer TARGET SECONDS` from the repository root (docs/reliability.md).
import Foundation
import PackageDescription

/// The main package, two directories up. SwiftPM names a path dependency after its directory
/// (`derivcheck`, `main`, `wt-fuzz`, … depending on the checkout), so the name is computed.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let derivcheck = root.lastPathComponent.lowercased()

/// The main package's library holding each thing fuzzed: the one place to change when modules move.
let parserModule = "Symbolic"
let fixtureModules = ["Fixture"]
/// `FixtureChecker`'s library.
let checkerModules = ["Checker"]

let package = Package(
    name: "derivcheck-fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(name: "FuzzParser", dependencies: [.product(name: parserModule, package: derivcheck)]),
        .executableTarget(
            name: "FuzzFixture",
            dependencies: fixtureModules.map { .product(name: $0, package: derivcheck) }
        ),
        .executableTarget(
            name: "FuzzEval",
            dependencies: [parserModule, "Exact"].map { .product(name: $0, package: derivcheck) }
        ),
        .executableTarget(
            name: "FuzzCheck",
            dependencies: (fixtureModules + checkerModules).map { .product(name: $0, package: derivcheck) }
        ),
        .executableTarget(name: "FuzzScan", dependencies: [.product(name: "Scan", package: derivcheck)]),
    ],
    swiftLanguageModes: [.v6]
)
