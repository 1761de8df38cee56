/// One subject's follow-up (a team, say) for a discrete-time hazard model: at risk in every
/// period from `entry` through `exit` (inclusive; periods are consecutive integers such as month
/// indices), with `event` true when the first event happened in period `exit`, false when the
/// subject was still event-free at the end of `exit` (right-censored there).
public struct FollowUp: Hashable, Sendable {
  public var entry: Int
  public var exit: Int
  public var event: Bool

  public init(entry: Int, exit: Int, event: Bool) {
    self.entry = entry
    self.exit = exit
    self.event = event
  }
}

/// One row of person-period data (one team-month at risk): the outcome of the discrete-time
/// hazard model is `event`, regressed by logistic regression on covariates known at the start of
/// `period`.
public struct PersonPeriodRow: Hashable, Sendable {
  /// The index of the follow-up in the input, to attach the subject's covariates.
  public var subject: Int
  public var period: Int
  /// Periods at risk before this one: 0 in the entry period.
  public var elapsed: Int
  /// True only in the period of the event; every earlier period, and every period of a censored
  /// follow-up, is false.
  public var event: Bool
}

/// Expands follow-ups into person-period rows: for each follow-up in input order, one row per
/// period from `entry` through `exit`, ascending, with the event only in the last row of a
/// follow-up whose event was seen. After its first event a subject leaves the risk set, so
/// `exit` is the last period it contributes. A follow-up with `exit` < `entry` contributes no row.
/// Fitting a logistic regression to these rows gives the discrete-time hazard
/// h(t | x) = P(event in t | no event before t, x) (Singer & Willett 2003, ch. 10–11).
public func personPeriodRows(_ followUps: [FollowUp]) -> [PersonPeriodRow] {
  var rows: [PersonPeriodRow] = []
  rows.reserveCapacity(followUps.reduce(0) { $0 + max(0, $1.exit - $1.entry + 1) })
  for (subject, followUp) in followUps.enumerated() where followUp.exit >= followUp.entry {
    for period in followUp.entry...followUp.exit {
      rows.append(
        PersonPeriodRow(
          subject: subject, period: period, elapsed: period - followUp.entry,
          event: followUp.event && period == followUp.exit))
    }
  }
  return rows
}

/// The probability of at least one event over consecutive periods with the given discrete-time
/// hazards (each the conditional probability of the event in that period given none before):
/// 1 − Π(1 − hₖ). 0 for no periods. For "crosses the line within the next 3 months", pass the
/// model's hazards for each of the next 3 months.
public func eventProbability(hazards: [Double]) -> Double {
  1 - hazards.reduce(1) { $0 * (1 - $1) }
}
