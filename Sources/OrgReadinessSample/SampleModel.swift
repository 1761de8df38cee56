import OrgReadiness

/// A generated person.
struct SamplePerson: Hashable {
  var id: String
  var wid: String
  var name: String
}

/// A generated org unit (a Workday department).
struct SampleUnit: Hashable {
  var id: String
  var name: String
  var leaders: Int
  var hotspot: Bool
  var small: Bool
  /// The unit's own shift on every indicator (in units of the team effect), so units differ.
  var offset: Double
}

/// A job profile with its management level.
struct JobProfile: Hashable {
  var id: String
  var name: String
  var managementLevelID: String
  var managementLevelName: String

  static let engineer1 = JobProfile(
    id: "ENG-1", name: "Software Engineer I", managementLevelID: "6_Individual_Contributor",
    managementLevelName: "6 Individual Contributor")
  static let engineer2 = JobProfile(
    id: "ENG-2", name: "Software Engineer II", managementLevelID: "6_Individual_Contributor",
    managementLevelName: "6 Individual Contributor")
  static let seniorEngineer = JobProfile(
    id: "ENG-3", name: "Senior Software Engineer", managementLevelID: "6_Individual_Contributor",
    managementLevelName: "6 Individual Contributor")
  static let manager = JobProfile(
    id: "MGR-1", name: "Engineering Manager", managementLevelID: "5_Manager", managementLevelName: "5 Manager")
  static let director = JobProfile(
    id: "DIR-1", name: "Director of Engineering", managementLevelID: "4_Director", managementLevelName: "4 Director")
  static let vicePresident = JobProfile(
    id: "VP-1", name: "VP Engineering", managementLevelID: "2_Vice_President", managementLevelName: "2 Vice President")
}

/// The kinds of job-history events the sample writes, with their Workday codes.
enum SampleEventKind: Hashable {
  case hire, promotion, transfer, termination, merit, dataChange

  var businessProcess: String {
    switch self {
    case .hire: return "Hire"
    case .promotion, .transfer, .dataChange: return "Change_Job"
    case .termination: return "Termination"
    case .merit: return "Request_Compensation_Change"
    }
  }

  var reasonID: String {
    switch self {
    case .hire: return "Hire_Employee_New_Position"
    case .promotion: return "Promotion_Promotion"
    case .transfer: return "Transfer_Move_to_Another_Team"
    case .termination: return "Terminate_Employee_Voluntary_Resignation"
    case .merit: return "Request_Compensation_Change_Merit"
    case .dataChange: return "Data_Change_Correct_Job_Data"
    }
  }

  var reasonDescriptor: String {
    switch self {
    case .hire: return "Hire Employee > New Position"
    case .promotion: return "Promotion > Promotion"
    case .transfer: return "Transfer > Move to Another Team"
    case .termination: return "Terminate Employee > Voluntary > Resignation"
    case .merit: return "Request Compensation Change > Merit"
    case .dataChange: return "Data Change > Correct Job Data"
    }
  }
}

struct SampleEvent: Hashable {
  var date: CalendarDate
  var kind: SampleEventKind
  var profile: JobProfile
  var unit: SampleUnit
  var manager: SamplePerson?
}

struct SampleWorker {
  var person: SamplePerson
  var events: [SampleEvent] = []
  /// Individual contributors may get a corrupted date; leaders never do, so the planted
  /// structure stays intact.
  var corruptible = false
}

/// One team-month row of the team-metrics report.
struct SampleTeamRow {
  var teamID: String
  var teamWID: String
  var teamName: String
  var leader: SamplePerson
  var unit: SampleUnit
  var period: Period
  var headcount: Int
  /// Element name → formatted value, in column order; absent columns are left out.
  var values: [(String, String)]
  /// The review wait before formatting, so the planted programme effect can be applied to it.
  var reviewWaitHours: Double = 0
}

/// One leader's enrolment in a support programme.
struct SampleEnrolment {
  var leader: SamplePerson
  var program: String
  var start: CalendarDate
  var end: CalendarDate?
}
