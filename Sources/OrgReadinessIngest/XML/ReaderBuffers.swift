/// Growable buffers for the SAX callbacks without Swift array uniqueness checks or reference
/// counting: the reader owns them for one file and frees them with `deallocate()`.

/// A stack of Int32 (the active trie nodes and frame starts).
struct Int32Stack {
  private(set) var base: UnsafeMutablePointer<Int32>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 64) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  @inline(__always)
  mutating func append(_ value: Int32) {
    if count == capacity { grow() }
    base[count] = value
    count += 1
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }

  @inline(__always)
  subscript(_ index: Int) -> Int32 {
    get { base[index] }
    nonmutating set { base[index] = newValue }
  }

  var last: Int32? { count > 0 ? base[count - 1] : nil }
  var isEmpty: Bool { count == 0 }

  mutating func removeLast() { count -= 1 }
  mutating func removeAll() { count = 0 }
  /// Drops the elements from `start` on.
  mutating func truncate(to start: Int) { count = start }

  func deallocate() { base.deallocate() }
}

/// One growable byte buffer per capture slot.
struct SlotBuffers {
  let count: Int
  private let storage: UnsafeMutableBufferPointer<UnsafeMutablePointer<UInt8>>
  private let lengths: UnsafeMutableBufferPointer<Int>
  private let capacities: UnsafeMutableBufferPointer<Int>

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: max(1, count))
    lengths = .allocate(capacity: max(1, count))
    capacities = .allocate(capacity: max(1, count))
    for s in 0..<count {
      storage[s] = .allocate(capacity: 64)
      lengths[s] = 0
      capacities[s] = 64
    }
  }

  @inline(__always)
  func length(_ slot: Int) -> Int { lengths[slot] }

  func bytes(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage[slot], count: lengths[slot])
  }

  @inline(__always)
  func clear(_ slot: Int) { lengths[slot] = 0 }

  func append(_ slot: Int, _ bytes: UnsafePointer<UInt8>, _ n: Int) {
    let needed = lengths[slot] + n
    if needed > capacities[slot] {
      var capacity = capacities[slot]
      while capacity < needed { capacity *= 2 }
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      bigger.update(from: storage[slot], count: lengths[slot])
      storage[slot].deallocate()
      storage[slot] = bigger
      capacities[slot] = capacity
    }
    (storage[slot] + lengths[slot]).update(from: bytes, count: n)
    lengths[slot] = needed
  }

  func set(_ slot: Int, _ value: [UInt8]) {
    clear(slot)
    value.withUnsafeBufferPointer { buffer in
      if let address = buffer.baseAddress { append(slot, address, buffer.count) }
    }
  }

  func deallocate() {
    for s in 0..<count { storage[s].deallocate() }
    storage.deallocate()
    lengths.deallocate()
    capacities.deallocate()
  }
}
