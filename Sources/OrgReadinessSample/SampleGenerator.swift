import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a generated sample holds, for the command's summary.
public struct SampleSummary: Hashable, Sendable {
  public var workers = 0
  public var jobEvents = 0
  public var leaders = 0
  public var teams = 0
  public var teamPeriods = 0
  public var orgUnits = 0
  /// Units planted with many new leaders and stronger strain on their teams.
  public var hotspotUnits: [String] = []
  /// Leaders enrolled in the planted programme (`SampleGenerator.plantedProgramme`).
  public var enrolments = 0
  /// Units with only a few teams (below the default privacy minimum).
  public var smallUnits: [String] = []
  /// Divisions between the head and the units' directors (none up to 12 units).
  public var divisions = 0
}

/// Generates a realistic synthetic organisation as two Workday RaaS exports (Workday XML form):
/// a job history (one `wd:Report_Entry` per worker with `wd:Job_History_group` events) and a
/// monthly team-metrics custom report (one entry per team and month).
///
/// What is planted, so the report has something true to find:
/// - teams of recently appointed leaders carry a decaying "newness" effect (`exp(-days/270)`) on
///   review wait, decision latency, approval share, leader execution share, after-hours share,
///   engagement (lower) and, weakly, participation (lower);
/// - engagement also dips around months 4-9 of a new leader's role (the disengagement signal the
///   survival analysis times);
/// - escalations, voluntary attrition and absenteeism carry no time-in-role effect at all;
/// - a few hotspot units have many new leaders and a doubled effect; a few small units have only
///   2–4 teams; experienced leaders tend to lead larger teams (a confounder);
/// - above 12 units, division heads stand between the head and the units' directors, so the
///   organisation tree has a top level of at most 12 divisions;
/// - non-role events (merit pay changes, data changes), a few future-dated promotions, exact
///   duplicate events and a handful of impossible dates exercise the accounting;
/// - a support programme (delegation coaching) with selection of the worst-off teams and an 18%
///   shorter review wait after enrolment (`UnitGenerator.enrol`); its enrolments are a third file
///   in the plain-XML form (`plain-support-enrolments`).
public enum SampleGenerator {
  public static let plantedProgramme = "delegation-coaching"
  /// The planted programme's effect: review wait this share lower from the month of enrolment.
  public static let plantedProgrammeEffect = 0.18
  public static let jobHistoryNamespace = "urn:com.workday.report/CR_Worker_Job_History"
  public static let teamMetricsNamespace = "urn:com.workday.report/CR_Team_Health_Monthly"

  public static func generate(
    _ config: SampleConfiguration, jobHistory: @escaping ([UInt8]) -> Void,
    teamMetrics: @escaping ([UInt8]) -> Void, supportEnrolments: (([UInt8]) -> Void)? = nil
  ) -> SampleSummary {
    var jobs = SampleXMLWriter(sink: jobHistory)
    var metrics = SampleXMLWriter(sink: teamMetrics)
    var enrolments = SampleXMLWriter(sink: supportEnrolments ?? { _ in })
    enrolments.raw("<?xml version='1.0' encoding='UTF-8'?>\n<support_enrolments>\n")
    jobs.raw("<?xml version='1.0' encoding='UTF-8'?>\n<wd:Report_Data xmlns:wd=\"\(jobHistoryNamespace)\">\n")
    metrics.raw("<?xml version='1.0' encoding='UTF-8'?>\n<wd:Report_Data xmlns:wd=\"\(teamMetricsNamespace)\">\n")

    var organisation = OrganisationPlan(config: config)
    var summary = SampleSummary()
    summary.orgUnits = organisation.units.count
    summary.hotspotUnits = organisation.units.filter(\.hotspot).map(\.name)
    summary.smallUnits = organisation.units.filter(\.small).map(\.name)
    summary.divisions = organisation.divisions.count

    // The head of the organisation, to whom every director reports.
    let head = organisation.newPerson()
    var headWorker = SampleWorker(person: head)
    headWorker.events.append(
      SampleEvent(
        date: config.asOf.adding(days: -4000), kind: .hire, profile: .vicePresident,
        unit: organisation.headUnit, manager: nil))
    write(headWorker, to: &jobs, summary: &summary, rng: &organisation.rng, config: config)
    // The division heads between the head and the directors (large samples only), with ids below
    // the head's and their own random stream, so that everyone else is generated as before.
    let divisions = organisation.divisions
    var divisionRNG = SeededGenerator(seed: config.seed, stream: "divisions")
    var divisionHeads: [SamplePerson] = []
    for (d, division) in divisions.enumerated() {
      let person = SamplePerson.make(id: 90_000 + d, rng: &divisionRNG)
      divisionHeads.append(person)
      var worker = SampleWorker(person: person)
      worker.events.append(
        SampleEvent(
          date: config.asOf.adding(days: -3000 - divisionRNG.index(below: 900)), kind: .hire,
          profile: .vicePresident, unit: division, manager: head))
      write(worker, to: &jobs, summary: &summary, rng: &divisionRNG, config: config)
    }

    for unitIndex in organisation.units.indices {
      let director = divisionHeads.isEmpty ? head : divisionHeads[unitIndex % divisionHeads.count]
      var unitGenerator = UnitGenerator(
        config: config, unit: organisation.units[unitIndex], head: director, plan: organisation)
      let output = unitGenerator.generate()
      organisation.nextID = unitGenerator.nextID
      for worker in output.workers {
        write(worker, to: &jobs, summary: &summary, rng: &unitGenerator.rng, config: config)
      }
      for row in output.rows {
        writeRow(row, to: &metrics)
        summary.teamPeriods += 1
      }
      for enrolment in output.enrolments {
        enrolments.raw("  <enrolment>\n")
        enrolments.plain("leader_id", enrolment.leader.id, indent: 4)
        enrolments.plain("program", enrolment.program, indent: 4)
        enrolments.plain("start_date", enrolment.start.description, indent: 4)
        if let end = enrolment.end { enrolments.plain("end_date", end.description, indent: 4) }
        enrolments.raw("  </enrolment>\n")
        summary.enrolments += 1
      }
      summary.leaders += output.leaders
      summary.teams += output.teams
    }
    jobs.raw("</wd:Report_Data>\n")
    metrics.raw("</wd:Report_Data>\n")
    enrolments.raw("</support_enrolments>\n")
    jobs.flush()
    metrics.flush()
    enrolments.flush()
    return summary
  }

  /// Workday writes xs:date with the tenant's zone offset; the offset must never move the date.
  static func workdayDate(_ date: CalendarDate) -> String {
    let offset = (4...10).contains(date.month) ? "-07:00" : "-08:00"
    return date.description + offset
  }

  private static func write(
    _ worker: SampleWorker, to out: inout SampleXMLWriter, summary: inout SampleSummary,
    rng: inout SeededGenerator, config: SampleConfiguration
  ) {
    summary.workers += 1
    out.raw("  <wd:Report_Entry>\n")
    out.reference(
      "Worker", descriptor: worker.person.name,
      ids: [("WID", worker.person.wid), ("Employee_ID", worker.person.id)], indent: 4)
    for event in worker.events {
      let copies = rng.unit() < 0.003 ? 2 : 1
      let corrupt = worker.corruptible && rng.unit() < 0.001
      for _ in 0..<copies {
        summary.jobEvents += 1
        out.raw("    <wd:Job_History_group>\n")
        // An impossible date (February 30th) is what a broken upstream transform produces.
        let date = corrupt ? "\(event.date.year)-02-30-08:00" : workdayDate(event.date)
        out.element("Effective_Date", date, indent: 6)
        out.reference(
          "Business_Process_Type", descriptor: event.kind.businessProcess,
          ids: [("Business_Process_Type", event.kind.businessProcess)], indent: 6)
        out.reference(
          "Reason", descriptor: event.kind.reasonDescriptor,
          ids: [("Event_Classification_Subcategory_ID", event.kind.reasonID)], indent: 6)
        out.reference(
          "Job_Profile", descriptor: event.profile.name, ids: [("Job_Profile_ID", event.profile.id)],
          indent: 6)
        out.reference(
          "Management_Level", descriptor: event.profile.managementLevelName,
          ids: [("Management_Level_ID", event.profile.managementLevelID)], indent: 6)
        out.reference(
          "Department", descriptor: event.unit.name, ids: [("Organization_Reference_ID", event.unit.id)],
          indent: 6)
        if let manager = event.manager {
          out.reference(
            "Manager", descriptor: manager.name, ids: [("WID", manager.wid), ("Employee_ID", manager.id)],
            indent: 6)
        }
        out.raw("    </wd:Job_History_group>\n")
      }
    }
    out.raw("  </wd:Report_Entry>\n")
  }

  private static func writeRow(_ row: SampleTeamRow, to out: inout SampleXMLWriter) {
    out.raw("  <wd:Report_Entry>\n")
    out.reference(
      "Supervisory_Organization", descriptor: row.teamName,
      ids: [("WID", row.teamWID), ("Organization_Reference_ID", row.teamID)], indent: 4)
    out.reference(
      "Manager", descriptor: row.leader.name, ids: [("WID", row.leader.wid), ("Employee_ID", row.leader.id)],
      indent: 4)
    out.reference(
      "Department", descriptor: row.unit.name, ids: [("Organization_Reference_ID", row.unit.id)], indent: 4)
    out.element("Period_Start_Date", workdayDate(row.period.firstDay), indent: 4)
    out.element("Headcount", String(row.headcount), indent: 4)
    for (name, value) in row.values {
      out.element(name, value, indent: 4)
    }
    out.raw("  </wd:Report_Entry>\n")
  }
}
