import Dispatch
import Foundation
import OrgReadiness

/// Reads a file on the calling thread and hands its records, in order and in batches, to
/// `consume` on a second, dedicated thread: libxml2 parses while the previous records become
/// canonical records, so ingest uses both cores. At most `maximumBatches` batches wait at a time,
/// which bounds memory; `bytes` tells the consumer how far the reader was when a batch was sent.
enum PipelinedRead {
  static let batchSize = 256
  static let maximumBatches = 16
  /// A consumer that ran out of batches sleeps until this many wait (or the reader is done):
  /// waking a sleeping thread costs the reader a system call and, on a virtual machine, an
  /// interrupt to the other core, so it is done once per few batches rather than per batch.
  static let wakeBatches = 4

  static func read(
    path: String, mapping: CompiledMapping, progress: ((Int) -> Void)?,
    consume: @escaping (CapturedRecord) -> Void, bytes: @escaping (Int) -> Void = { _ in }
  ) throws(XMLInputError) -> FileDigest {
    let queue = BatchQueue()
    let consumer = Consumer(consume: consume, bytes: bytes)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      while let batch = queue.pop() {
        consumer.bytes(batch.bytes)
        for record in batch.records { consumer.consume(record) }
      }
      done.signal()
    }
    thread.start()
    let producer = Producer(queue: queue)
    do {
      let digest = try StreamingRecordReader.read(
        path: path, mapping: mapping,
        progress: { read in
          producer.bytes = read
          progress?(read)
        }, emit: producer.add)
      producer.flush()
      queue.finish()
      done.wait()
      return digest
    } catch {
      queue.finish()
      done.wait()
      throw error
    }
  }

  struct Batch: Sendable {
    var records: [CapturedRecord]
    var bytes: Int
  }

  /// Collects records on the reader thread.
  final class Producer {
    let queue: BatchQueue
    var batch: [CapturedRecord] = []
    var bytes = 0

    init(queue: BatchQueue) {
      self.queue = queue
      batch.reserveCapacity(PipelinedRead.batchSize)
    }

    func add(_ record: CapturedRecord) {
      batch.append(record)
      if batch.count == PipelinedRead.batchSize { flush() }
    }

    func flush() {
      guard !batch.isEmpty else { return }
      queue.push(Batch(records: batch, bytes: bytes))
      batch = []
      batch.reserveCapacity(PipelinedRead.batchSize)
    }
  }

  /// The consumer's closures, used only on the consumer thread.
  final class Consumer: @unchecked Sendable {
    let consume: (CapturedRecord) -> Void
    let bytes: (Int) -> Void

    init(consume: @escaping (CapturedRecord) -> Void, bytes: @escaping (Int) -> Void) {
      self.consume = consume
      self.bytes = bytes
    }
  }

  /// A bounded first-in, first-out queue of batches between the two threads.
  final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var head = 0
    private var finished = false
    /// Whether the consumer sleeps for want of batches, and whether the reader sleeps for room.
    private var consumerWaits = false
    private var readerWaits = false

    func push(_ batch: Batch) {
      condition.lock()
      while batches.count - head >= PipelinedRead.maximumBatches {
        readerWaits = true
        condition.wait()
      }
      batches.append(batch)
      if consumerWaits && batches.count - head >= PipelinedRead.wakeBatches { condition.broadcast() }
      condition.unlock()
    }

    /// The next batch, or nil once the reader has finished and everything was taken.
    func pop() -> Batch? {
      condition.lock()
      defer { condition.unlock() }
      while head == batches.count && !finished {
        consumerWaits = true
        condition.wait()
      }
      consumerWaits = false
      guard head < batches.count else { return nil }
      let batch = batches[head]
      head += 1
      if head > 64 {
        batches.removeFirst(head)
        head = 0
      }
      // A reader that waits for room is woken once a few batches' room is free, not for each.
      if readerWaits && batches.count - head <= PipelinedRead.maximumBatches - PipelinedRead.wakeBatches {
        readerWaits = false
        condition.broadcast()
      }
      return batch
    }

    func finish() {
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
