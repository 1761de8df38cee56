import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

@Suite struct CalendarDateTests {
  @Test func roundTripsAndRejectsImpossibleDates() {
    #expect(CalendarDate(iso: "2024-02-29")?.description == "2024-02-29")
    #expect(CalendarDate(iso: "2023-02-29") == nil)
    #expect(CalendarDate(iso: "2023-13-01") == nil)
    #expect(CalendarDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
    #expect(CalendarDate(iso: "1969-12-31")?.daysSinceEpoch == -1)
  }

  @Test func cohortBoundaries() {
    #expect(Cohort(daysInRole: 0) == .underSixMonths)
    #expect(Cohort(daysInRole: 182) == .underSixMonths)
    #expect(Cohort(daysInRole: 183) == .sixToTwelveMonths)
    #expect(Cohort(daysInRole: 365) == .sixToTwelveMonths)
    #expect(Cohort(daysInRole: 366) == .twelveToTwentyFourMonths)
    #expect(Cohort(daysInRole: 730) == .twelveToTwentyFourMonths)
    #expect(Cohort(daysInRole: 731) == .overTwentyFourMonths)
  }

  @Test(arguments: [
    ("2022-04-01", "2022-04-01"),
    ("2022-04-01-07:00", "2022-04-01"),  // Workday xs:date with offset: never shifted
    ("2022-04-01+14:00", "2022-04-01"),
    ("2022-04-01Z", "2022-04-01"),
    ("2014-10-08T12:24:19.493-07:00", "2014-10-08"),
    ("2019-09-17T00:00:00", "2019-09-17"),  // SuccessFactors Atom, no zone
    ("2019-09-17T23:59", "2019-09-17"),
    ("/Date(1398190210000)/", "2014-04-22"),
    ("/Date(1398124800000+0060)/", "2014-04-22"),
  ])
  func readsEveryDateForm(text: String, expected: String) {
    #expect(ValueParsing.date(text, format: nil) == .date(CalendarDate(iso: expected)!))
  }

  @Test func configuredPatternsAndNulls() {
    #expect(ValueParsing.date("25/11/2026", format: "DD/MM/YYYY") == .date(CalendarDate(iso: "2026-11-25")!))
    #expect(ValueParsing.date("11/25/2026", format: "MM/DD/YYYY") == .date(CalendarDate(iso: "2026-11-25")!))
    #expect(ValueParsing.date("0000-00-00", format: nil) == .null)
    #expect(ValueParsing.date("31/02/2026", format: "DD/MM/YYYY") != .date(CalendarDate(iso: "2026-03-03")!))
    if case .invalid = ValueParsing.date("2026-02-30-08:00", format: nil) {} else { Issue.record("Feb 30 accepted") }
    if case .invalid = ValueParsing.date("2026-02-03 junk", format: nil) {} else { Issue.record("junk accepted") }
    if case .invalid = ValueParsing.date("yesterday", format: nil) {} else { Issue.record("word accepted") }
  }

  @Test func booleansAndNumbers() {
    #expect(ValueParsing.bool("1") == true)
    #expect(ValueParsing.bool("t") == true)
    #expect(ValueParsing.bool("FALSE") == false)
    #expect(ValueParsing.bool("maybe") == nil)
    #expect(ValueParsing.integer("12.0") == 12)
    #expect(ValueParsing.integer("12.5") == nil)
    #expect(ValueParsing.decimal("nan") == nil)
  }
}
