/// Benjamini–Hochberg across every test of the run: the correlations, the partial correlations and
/// the primary log-rank test form one family (the log-rank test under the cohort definition is a
/// check of the same question, reported with its p only). Then each correlation gets its verdict
/// (`TimeInRoleLink`) at `level`, once, for everything that reads it.
public func adjustForMultipleTesting(
  correlations: inout [CorrelationResult], survival: inout DisengagementSurvival?, level: Double
) {
  var pValues: [Double] = []
  for c in correlations {
    if let p = c.p { pValues.append(p) }
    if let p = c.partial?.p { pValues.append(p) }
  }
  if let p = survival?.primary.logRank?.p { pValues.append(p) }
  var q = benjaminiHochberg(pValues)[...]
  for k in correlations.indices {
    if correlations[k].p != nil { correlations[k].q = q.popFirst() }
    if correlations[k].partial?.p != nil { correlations[k].partialQ = q.popFirst() }
    correlations[k].link = TimeInRoleLink(correlations[k], level: level)
  }
  if survival?.primary.logRank != nil { survival?.q = q.popFirst() }
}
