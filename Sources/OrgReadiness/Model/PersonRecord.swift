/// One person in a directory export (SuccessFactors User, BambooHR directory): who they are
/// and their current status, as opposed to the effective-dated history in `JobEvent`s.
public struct PersonRecord: Hashable, Sendable {
  public var personID: String
  public var personName: String?
  /// Current employment status (SuccessFactors `status` t/f); nil when the export has none.
  public var isActive: Bool?
  /// Current people-leader flag; nil when the export has none.
  public var isPeopleLeader: Bool?
  /// Where the record was read; not part of its identity for duplicate detection.
  public var location: SourceLocation

  public init(
    personID: String, personName: String? = nil, isActive: Bool? = nil, isPeopleLeader: Bool? = nil,
    location: SourceLocation = SourceLocation(input: 0, line: 0)
  ) {
    self.personID = personID
    self.personName = personName
    self.isActive = isActive
    self.isPeopleLeader = isPeopleLeader
    self.location = location
  }

  public static func == (lhs: PersonRecord, rhs: PersonRecord) -> Bool {
    lhs.personID == rhs.personID && lhs.personName == rhs.personName && lhs.isActive == rhs.isActive
      && lhs.isPeopleLeader == rhs.isPeopleLeader
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(personID)
    hasher.combine(personName)
    hasher.combine(isActive)
    hasher.combine(isPeopleLeader)
  }
}
