/// The canonical job event types every mapping translates its source codes into.
public enum EventType: String, CaseIterable, Codable, Sendable {
  case hire, rehire, promotion, demotion, transfer, termination, other

  /// Role-changing events start a new time-in-role; `other` (pay change, data change) never does,
  /// and `termination` ends employment.
  public var isRoleChanging: Bool {
    switch self {
    case .hire, .rehire, .promotion, .demotion, .transfer: return true
    case .termination, .other: return false
    }
  }
}
