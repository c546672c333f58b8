// swift-tools-version:6.0

import PackageDescription

// Derivatives of n-n-n logistic networks: time and expression size of dE_total/dw for every weight.
// From the repository root: swift run -c release --package-path bench/DeriveBench
let package = Package(
    name: "DeriveBench",
    dependencies: [.package(name: "derivcheck", path: "../..")],  // named, so any checkout directory works
    targets: [
        .executableTarget(name: "DeriveBench", dependencies: [.product(name: "Symbolic", package: "derivcheck")])
    ],
    swiftLanguageModes: [.v6]
)
