// swift-tools-version:6.0
import PackageDescription

// Imports run one way: Exact ← Symbolic ← Fixture ← Checker ← Reports ← derivcheck, with Pictures
// (on Symbolic) and Scan (on Fixture) beside them. `scripts/check-layers` fails on an import that goes back up.
let package = Package(
    name: "derivcheck",
    products: [
        .executable(name: "derivcheck", targets: ["derivcheck"]),
        .library(name: "Exact", targets: ["Exact"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .library(name: "Fixture", targets: ["Fixture"]),
        .library(name: "Checker", targets: ["Checker"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Pictures", targets: ["Pictures"]),
        .library(name: "Scan", targets: ["Scan"]),
    ],
    targets: [
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "mpfr",
            providers: [.apt(["libgmp-dev", "libmpfr-dev"])]
        ),
        .target(name: "Exact", dependencies: ["CGMP"]),
        .target(name: "Symbolic", dependencies: ["Exact"]),
        .target(name: "Fixture", dependencies: ["Exact", "Symbolic"]),
        .target(name: "Checker", dependencies: ["Exact", "Symbolic", "Fixture"]),
        .target(name: "Reports", dependencies: ["Exact", "Symbolic", "Fixture", "Checker"]),
        .target(name: "Pictures", dependencies: ["Exact", "Symbolic"]),
        .target(name: "Scan", dependencies: ["Exact", "Symbolic", "Fixture"]),
        .executableTarget(
            name: "derivcheck",
            dependencies: ["Exact", "Symbolic", "Fixture", "Checker", "Reports", "Pictures", "Scan"]
        ),
        .testTarget(name: "ExactTests", dependencies: ["Exact"], exclude: ["Resources"]),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "Exact"], exclude: ["Resources"]),
        .testTarget(name: "FixtureTests", dependencies: ["Fixture", "Symbolic", "Exact"]),
        .testTarget(
            name: "CheckerTests",
            dependencies: ["Checker", "Fixture", "Symbolic", "Exact"],
            exclude: ["Resources"]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Checker", "Fixture", "Exact"]),
        .testTarget(name: "PicturesTests", dependencies: ["Pictures", "Fixture", "Symbolic", "Exact"]),
        .testTarget(name: "derivcheckTests", dependencies: ["derivcheck"], exclude: ["Resources"]),
        .testTarget(name: "SoundnessTests", dependencies: ["Exact", "Symbolic"]),
        .testTarget(
            name: "ScanTests",
            dependencies: ["Scan", "Checker", "Fixture", "Symbolic", "Exact"],
            exclude: ["Resources"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
