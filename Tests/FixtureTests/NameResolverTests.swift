import Fixture
import Testing

/// Name resolution by normal form (fixture format, version 2).
@Suite struct NameResolverTests {
    static let tutorial = NameResolver(names: [
        "i1", "w1", "net_h1", "out_h1", "net_o1", "out_o1", "E_o1", "E_o2", "E_total", "target_o1",
    ])

    @Test(arguments: [
        ("net_h1", "net_h1"), ("net_{h1}", "net_h1"), ("\\text{net}_{h1}", "net_h1"), ("neth1", "net_h1"),
        ("\\mathrm{out}_{o1}", "out_o1"), ("E_{total}", "E_total"), ("Etotal", "E_total"), ("w_1", "w1"),
        ("w_{1}", "w1"), ("\\text{target}_{o1}", "target_o1"),
    ])
    func resolvesByNormalForm(written: String, name: String) {
        #expect(Self.tutorial.resolve(written) == .name(name))
    }

    @Test func normalFormsKeepCase() {
        #expect(NameResolver.normalForm("\\text{net}_{h1}") == "neth1")
        #expect(NameResolver.normalForm("E_{total}") == "Etotal")
        guard case .unknown = Self.tutorial.resolve("etotal") else {
            Issue.record("case is kept: etotal is not E_total")
            return
        }
    }

    @Test func ambiguousNamesListEveryCandidate() {
        let resolver = NameResolver(names: ["a_b", "ab", "c"])
        #expect(resolver.resolve("a_b") == .name("a_b"), "a name the model has is itself")
        #expect(resolver.resolve("a_{b}") == .ambiguous(["a_b", "ab"]))
    }

    @Test func suggestionsPutTheLikelyNameFirst() {
        #expect(Self.tutorial.suggestions(for: "E_totl").first == "E_total")
        #expect(Self.tutorial.suggestions(for: "out_h2").first == "out_h1")
        #expect(Array(Self.tutorial.suggestions(for: "E").prefix(3)) == ["E_o1", "E_o2", "E_total"])
        // All names as close as the closest are listed, however many: never cut before the likely one
        // (w1…w9 are one edit from "w"; w10…w12 two).
        let many = NameResolver(names: (1...12).map { "w\($0)" })
        #expect(many.suggestions(for: "w") == (1...9).map { "w\($0)" })
    }
}
