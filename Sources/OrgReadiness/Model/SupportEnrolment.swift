/// One leader's enrolment in a support programme (coaching, training): the canonical
/// `support_enrolments` record, read from a learning system's export through a mapping.
public struct SupportEnrolment: Hashable, Sendable {
  /// The enrolled leader's employee id (as in the job history and the team metrics).
  public var leaderID: String
  /// The programme, as the export names it (`delegation-coaching`, a course id).
  public var program: String
  public var startDate: CalendarDate
  /// When the enrolment ended (completed or withdrawn); nil while it runs. The analysis treats
  /// enrolment as lasting from its start (docs/statistics.md), so this is carried, not used.
  public var endDate: CalendarDate?
  /// Where the record was read; not part of its identity for duplicate detection.
  public var location: SourceLocation

  public init(
    leaderID: String, program: String, startDate: CalendarDate, endDate: CalendarDate? = nil,
    location: SourceLocation = SourceLocation(input: 0, line: 0)
  ) {
    self.leaderID = leaderID
    self.program = program
    self.startDate = startDate
    self.endDate = endDate
    self.location = location
  }

  public static func == (lhs: SupportEnrolment, rhs: SupportEnrolment) -> Bool {
    lhs.leaderID == rhs.leaderID && lhs.program == rhs.program && lhs.startDate == rhs.startDate
      && lhs.endDate == rhs.endDate
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(leaderID)
    hasher.combine(program)
    hasher.combine(startDate)
    hasher.combine(endDate)
  }
}

/// Dedupes support enrolments and keeps those starting after `asOf` out of the view while
/// counting them: an exact duplicate is counted once; a leader enrolled in one programme more
/// than once keeps every record (the analysis uses the first start).
public func selectEnrolments(_ records: [SupportEnrolment], asOf: CalendarDate) -> AsOfSelection<SupportEnrolment> {
  var seen = Set<SupportEnrolment>(minimumCapacity: records.count)
  var kept: [SupportEnrolment] = []
  var counts: CountsByInput = [:]
  for record in records {
    let input = record.location.input
    counts[input, default: RecordCounts()].read += 1
    if !seen.insert(record).inserted {
      counts[input]?.duplicates += 1
    } else if record.startDate > asOf {
      counts[input]?.futureDated += 1
    } else {
      counts[input]?.accepted += 1
      kept.append(record)
    }
  }
  return AsOfSelection(kept: kept, counts: counts, rejected: [])
}
