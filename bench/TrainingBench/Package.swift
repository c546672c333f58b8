// swift-tools-version:6.0

import PackageDescription

// A separate package so the benchmark adds nothing to derivcheck's products; it uses the
// main package's `Checker` and `Exact` libraries by path.
let package = Package(
    name: "TrainingBench",
    dependencies: [.package(name: "derivcheck", path: "../..")],
    targets: [
        .executableTarget(
            name: "TrainingBench",
            dependencies: [
                .product(name: "Checker", package: "derivcheck"),
                .product(name: "Fixture", package: "derivcheck"),
                .product(name: "Exact", package: "derivcheck"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
