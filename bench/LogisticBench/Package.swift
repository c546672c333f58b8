// swift-tools-version:6.0

import PackageDescription

// A separate package so the benchmark adds nothing to derivcheck's products; it uses the
// main package's `Exact` library by path.
let package = Package(
    name: "LogisticBench",
    dependencies: [.package(name: "derivcheck", path: "../..")],
    targets: [
        .executableTarget(
            name: "LogisticBench",
            dependencies: [.product(name: "Exact", package: "derivcheck")]
        )
    ],
    swiftLanguageModes: [.v6]
)
