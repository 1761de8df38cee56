/// True when `actual` is within `tolerance` of `expected`, relative to |expected| when that
/// exceeds 1 (so one tolerance reads as "digits" for large and small values alike).
func approximately(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
  abs(actual - expected) <= tolerance * max(1, abs(expected))
}
