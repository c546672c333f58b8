import Foundation
import Testing

/// `verify`'s output, byte for byte, against the copies kept in `Resources/`: a change to what the
/// tutorial's audit prints must be deliberate (update the copy in the same commit, and say why).
@Suite struct VerifyOutputTests {
    static let resources = CLI.packageRoot.appendingPathComponent("Tests/derivcheckTests/Resources")

    @Test(arguments: [(["verify", "--wide"], "verify.txt"), (["verify", "--json"], "verify.json")])
    func outputIsUnchanged(arguments: [String], copy: String) throws {
        let result = try CLI.run(arguments)
        let expected = try String(contentsOf: Self.resources.appendingPathComponent(copy), encoding: .utf8)
        #expect(result.status == 1)
        #expect(result.out == expected, "derivcheck \(arguments.joined(separator: " ")) differs from Resources/\(copy)")
    }
}
