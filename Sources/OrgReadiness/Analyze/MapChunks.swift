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
