/// The positions of `values` in ascending order of value, equal values in order of position: the
/// order a stable sort of the values (`sorted()`) puts them in, 0 and −0 counting as equal. Nil when
/// a value is NaN (which has no place in an order: callers then sort the values themselves).
///
/// Large inputs are ordered by a least-significant-digit radix sort of the values' bits, which is
/// stable and several times faster than a comparison sort of positions; small ones by comparison.
func ascendingOrder(_ values: [Double]) -> [Int32]? {
  let n = values.count
  guard n < Int(Int32.max) else { return nil }
  if n < 256 {
    guard !values.contains(where: \.isNaN) else { return nil }
    var order = (0..<n).map { Int32($0) }
    order.sort { values[Int($0)] < values[Int($1)] || (values[Int($0)] == values[Int($1)] && $0 < $1) }
    return order
  }
  let bits = 11
  let radix = 1 << bits
  let passes = 6  // 6 × 11 bits cover the 64 of a key
  var keys = [UInt64](repeating: 0, count: n)
  var counts = [Int](repeating: 0, count: radix * passes)
  var hasNaN = false
  values.withUnsafeBufferPointer { values in
    keys.withUnsafeMutableBufferPointer { keys in
      counts.withUnsafeMutableBufferPointer { counts in
        for i in 0..<n {
          let value = values[i]
          if value.isNaN { hasNaN = true }
          let key = orderKey(value)
          keys[i] = key
          for p in 0..<passes {
            counts[p &* radix &+ Int(truncatingIfNeeded: (key &>> UInt64(p &* bits)) & 0x7FF)] &+= 1
          }
        }
      }
    }
  }
  guard !hasNaN else { return nil }
  var order = (0..<n).map { Int32($0) }
  var keysOut = [UInt64](repeating: 0, count: n)
  var orderOut = [Int32](repeating: 0, count: n)
  for p in 0..<passes {
    let start = p * radix
    // A digit every key shares leaves the order as it is.
    if counts[start..<(start + radix)].contains(n) { continue }
    var sum = 0
    for d in start..<(start + radix) {
      let count = counts[d]
      counts[d] = sum
      sum += count
    }
    let shift = UInt64(p * bits)
    keys.withUnsafeBufferPointer { keys in
      order.withUnsafeBufferPointer { order in
        keysOut.withUnsafeMutableBufferPointer { keysOut in
          orderOut.withUnsafeMutableBufferPointer { orderOut in
            counts.withUnsafeMutableBufferPointer { counts in
              for j in 0..<n {
                let key = keys[j]
                let slot = start &+ Int(truncatingIfNeeded: (key &>> shift) & 0x7FF)
                let position = counts[slot]
                counts[slot] = position &+ 1
                keysOut[position] = key
                orderOut[position] = order[j]
              }
            }
          }
        }
      }
    }
    swap(&keys, &keysOut)
    swap(&order, &orderOut)
  }
  return order
}

/// An unsigned key in the order of the (non-NaN) value, equal for 0 and −0.
@inline(__always)
private func orderKey(_ value: Double) -> UInt64 {
  let bits = value == 0 ? 0 : value.bitPattern
  return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
}

/// `values` in ascending order, exactly as `values.sorted()` gives them (a stable sort: among
/// values that compare equal, 0 and −0 keep their order). Uses `ascendingOrder` when it can.
func sortedValues(_ values: [Double]) -> [Double] {
  guard values.count >= 256, let order = ascendingOrder(values) else { return values.sorted() }
  return order.map { values[Int($0)] }
}
