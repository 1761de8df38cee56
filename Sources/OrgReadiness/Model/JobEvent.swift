/// One effective-dated change in a person's job history, in canonical form.
public struct JobEvent: Hashable, Sendable {
  public var personID: String
  /// The person's display name, where the export has one (used to resolve managers by name).
  public var personName: String?
  public var effectiveDate: CalendarDate
  public var eventType: EventType
  public var jobLevel: String?
  public var isPeopleLeader: Bool?
  public var managerID: String?
  /// The manager's display name, where the export names rather than identifies the manager
  /// (BambooHR `reportsTo`); resolved to `managerID` in the resolve stage.
  public var managerName: String?
  public var orgUnitID: String?
  public var orgUnitName: String?
  /// Ordering key for several changes on one day (SuccessFactors `seqNumber`).
  public var sequence: Int?
  /// Where the record was read; not part of the record's identity for duplicate detection.
  public var location: SourceLocation

  public init(
    personID: String, effectiveDate: CalendarDate, eventType: EventType, jobLevel: String? = nil,
    isPeopleLeader: Bool? = nil, managerID: String? = nil, orgUnitID: String? = nil,
    orgUnitName: String? = nil, sequence: Int? = nil, personName: String? = nil, managerName: String? = nil,
    location: SourceLocation = SourceLocation(input: 0, line: 0)
  ) {
    self.personID = personID
    self.personName = personName
    self.managerName = managerName
    self.effectiveDate = effectiveDate
    self.eventType = eventType
    self.jobLevel = jobLevel
    self.isPeopleLeader = isPeopleLeader
    self.managerID = managerID
    self.orgUnitID = orgUnitID
    self.orgUnitName = orgUnitName
    self.sequence = sequence
    self.location = location
  }

  /// Equality and hashing ignore `location`: two records with the same content are duplicates
  /// wherever they were read.
  public static func == (lhs: JobEvent, rhs: JobEvent) -> Bool {
    lhs.personID == rhs.personID && lhs.effectiveDate == rhs.effectiveDate
      && lhs.eventType == rhs.eventType && lhs.jobLevel == rhs.jobLevel
      && lhs.isPeopleLeader == rhs.isPeopleLeader && lhs.managerID == rhs.managerID
      && lhs.orgUnitID == rhs.orgUnitID && lhs.orgUnitName == rhs.orgUnitName
      && lhs.sequence == rhs.sequence && lhs.personName == rhs.personName
      && lhs.managerName == rhs.managerName
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(personID)
    hasher.combine(effectiveDate)
    hasher.combine(eventType)
    hasher.combine(jobLevel)
    hasher.combine(isPeopleLeader)
    hasher.combine(managerID)
    hasher.combine(orgUnitID)
    hasher.combine(orgUnitName)
    hasher.combine(sequence)
    hasher.combine(personName)
    hasher.combine(managerName)
  }
}
