import OrgReadiness
import Testing

@testable import OrgReadinessIngest

@Suite struct MalformedInputTests {
  func read(_ fixture: String) throws -> IngestedFile<OrgReadiness.TeamPeriod> {
    let mapping = try MappingLoader.load(path: TestPaths.mapping("workday-raas-team-metrics")).mapping
    return try Ingest.teamPeriods(path: TestPaths.fixture(fixture), mapping: mapping, input: 0)
  }

  @Test func mismatchedTagNamesFileLineAndColumn() {
    #expect {
      _ = try read("malformed/mismatched_tag.xml")
    } throws: { error in
      guard case .malformed(let path, let line, let column, let message) = error as? XMLInputError else { return false }
      return path.hasSuffix("mismatched_tag.xml") && line == 5 && column > 0 && message.contains("Headcount")
    }
  }

  @Test func truncatedFileSaysItWasCutShort() {
    #expect {
      _ = try read("malformed/truncated.xml")
    } throws: { error in
      guard case .truncated(_, let line, _, let message) = error as? XMLInputError else { return false }
      return line >= 8 && message.contains("cut short")
    }
  }

  @Test func doctypeIsRefusedBeforeAnyEntityExpands() {
    #expect {
      _ = try read("malformed/doctype_entities.xml")
    } throws: { error in
      guard case .forbidden(_, let line, _, let message) = error as? XMLInputError else { return false }
      return line == 2 && message.contains("DOCTYPE")
    }
  }

  @Test func missingFileIsUnreadable() {
    #expect {
      _ = try read("malformed/does-not-exist.xml")
    } throws: { error in
      if case .unreadable = error as? XMLInputError { return true }
      return false
    }
  }
}
