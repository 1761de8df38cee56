/// `body` of each chunk of `0..<count` (consecutive ranges of `chunk` positions, the last one
/// shorter), in order: for many small independent items, worked out on all cores a chunk at a
/// time, each chunk into its own slot, gathered in order.
public func mapChunks<Value: Sendable>(
  count: Int, chunk: Int = 4096, _ body: @Sendable (Range<Int>) -> Value
) -> [Value] {
  let chunks = (count + chunk - 1) / chunk
  let results = ParallelResults<Value>(count: chunks)
  concurrentPerform(iterations: chunks) { c in
    results.set(c, body(c * chunk..<min(count, (c + 1) * chunk)))
  }
  return results.values.compactMap { $0 }
}

/// `transform` of each of `0..<count`, in order: worked out in chunks on all cores (`mapChunks`),
/// each chunk initialising its own part of the result in place, so that large values are made
/// once and never gathered or copied afterwards.
public func parallelMap<Value: Sendable>(
  count: Int, chunk: Int = 4096, _ transform: @Sendable (Int) -> Value
) -> [Value] {
  Array(unsafeUninitializedCapacity: count) { buffer, initialized in
    let slots = Slots(base: buffer.baseAddress)
    _ = mapChunks(count: count, chunk: chunk) { range in
      guard let base = slots.base else { return true }
      for i in range { (base + i).initialize(to: transform(i)) }
      return true
    }
    initialized = count
  }
}

/// The result buffer of `parallelMap`, shared by its chunks: each initialises only its own range.
private struct Slots<Value>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Value>?
}
