// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "derivcheck",
    products: [
        .executable(name: "derivcheck", targets: ["derivcheck"]),
        .library(name: "Exact", targets: ["Exact"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .library(name: "Checker", targets: ["Checker"]),
    ],
    targets: [
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "mpfr",
            providers: [.apt(["libgmp-dev", "libmpfr-dev"])]
        ),
        .target(name: "Exact", dependencies: ["CGMP"]),
        .target(name: "Symbolic", dependencies: ["Exact"]),
        .target(name: "Checker", dependencies: ["Exact", "Symbolic"]),
        .executableTarget(name: "derivcheck", dependencies: ["Checker", "Symbolic", "Exact"]),
        .testTarget(name: "ExactTests", dependencies: ["Exact"], exclude: ["Resources"]),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "Exact"], exclude: ["Resources"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Symbolic", "Exact"], exclude: ["Resources"]),
        .testTarget(name: "derivcheckTests", dependencies: ["derivcheck"]),
        .testTarget(name: "SoundnessTests", dependencies: ["Exact", "Symbolic"]),
    ],
    swiftLanguageModes: [.v6]
)
