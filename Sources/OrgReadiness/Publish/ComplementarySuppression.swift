/// The groups to hide so that no figure over fewer than `minimum` members is shown, directly or
/// by subtraction from a total: every group below the minimum is hidden (primary suppression),
/// and while the hidden groups together hold fewer than `minimum` members — or exactly one group
/// is hidden — the next-smallest visible group is hidden too (complementary suppression, as
/// Viva Glint does). Ties are broken by the group's id so the result is deterministic.
public func complementarySuppression(sizes: [String: Int], minimum: Int) -> Set<String> {
  var hidden = Set(sizes.filter { $0.value < minimum }.map(\.key))
  guard !hidden.isEmpty else { return hidden }
  var visible = sizes.filter { !hidden.contains($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
  func hiddenTotal() -> Int { hidden.reduce(0) { $0 + (sizes[$1] ?? 0) } }
  while !visible.isEmpty && (hidden.count == 1 || hiddenTotal() < minimum) {
    hidden.insert(visible.removeFirst().key)
  }
  return hidden
}
