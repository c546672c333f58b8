import Fixture
import Foundation
import Testing

/// The tutorial's fixture built into the binary is `Fixtures/mazur-2015.deriv`, byte for byte.
@Suite struct TutorialFixtureTests {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func embeddedTutorialIsTheFixture() throws {
        let file = Array(try Data(contentsOf: packageRoot.appendingPathComponent("Fixtures/mazur-2015.deriv")))
        let embedded = Array(Fixture.tutorialText.utf8)
        let same = embedded == file
        let firstDifference =
            zip(embedded, file).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(embedded.count, file.count)
        #expect(
            same,
            "embedded \(embedded.count) bytes, file \(file.count) bytes, first difference at byte \(firstDifference) (file: \(file[firstDifference...].prefix(20)), embedded: \(embedded[firstDifference...].prefix(20))); rerun scripts/embed-tutorial-fixture"
        )
        #expect(Fixture.tutorialFileName == "Fixtures/mazur-2015.deriv")
    }
}
