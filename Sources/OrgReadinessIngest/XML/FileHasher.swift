import Crypto
import Dispatch
import Foundation
import OrgReadiness
import Synchronization

/// Computes a file's SHA-256 on another thread from the very chunks the parser reads, so that
/// hashing (about a quarter of libxml2's own parsing time) does not lengthen ingest when a core
/// is free, and the file is read from the page cache once rather than twice.
///
/// The reader fills the buffers of a small ring in turn (`nextBuffer`, then `filled`); the
/// hashing thread takes them in the same order and gives each back once hashed. The hasher is
/// woken once per `batch` buffers, not per buffer: waking a sleeping thread costs the reader a
/// system call and, on a virtual machine, an interrupt to the other core, which for 256 KiB
/// chunks was about a tenth of the reader's time. The reader only
/// writes a buffer again after the hasher has given it back, and libxml2 has copied what it needs
/// of a chunk before the reader asks for the next buffer, so both can read a buffer at once.
final class FileHasher: @unchecked Sendable {
  /// Buffers handed over per wake-up of the hasher.
  static let batch = 8
  /// At least `batch`, so that the reader can never wait for a buffer the hasher was not told of;
  /// twice that, so that it fills one batch while the hasher hashes the other.
  static let buffers = 2 * batch

  private let chunkSize: Int
  private let storage: UnsafeMutableRawBufferPointer
  /// Bytes in each buffer; -1 marks the end (the reader is done, or stopped early).
  private let lengths: UnsafeMutableBufferPointer<Int>
  /// Buffers the reader may fill. Made with 0 and signalled up to the ring's size: libdispatch
  /// refuses to free a semaphore whose count ends below the value it was made with.
  private let free = DispatchSemaphore(value: 0)
  private let ready = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  /// The next buffer the reader fills, and how many it filled since it last woke the hasher
  /// (used on the reader's thread only).
  private var fill = 0
  private var unannounced = 0
  private var ended = false
  private let result = Mutex<String?>(nil)

  /// Starts the hashing thread (a thread of its own, not a shared pool's, which the ingest of the
  /// other inputs may be holding).
  init(chunkSize: Int) {
    self.chunkSize = chunkSize
    storage = UnsafeMutableRawBufferPointer.allocate(byteCount: FileHasher.buffers * chunkSize, alignment: 64)
    lengths = UnsafeMutableBufferPointer<Int>.allocate(capacity: FileHasher.buffers)
    lengths.initialize(repeating: 0)
    for _ in 0..<FileHasher.buffers { free.signal() }
    let thread = Thread { [self] in hashChunks() }
    thread.start()
  }

  deinit {
    storage.deallocate()
    lengths.deallocate()
  }

  /// The buffer to read the next chunk into (waits while the hasher is a whole ring behind).
  func nextBuffer() -> UnsafeMutableRawBufferPointer {
    free.wait()
    return UnsafeMutableRawBufferPointer(rebasing: storage[fill * chunkSize..<(fill + 1) * chunkSize])
  }

  /// Hands the buffer from `nextBuffer` to the hasher with `count` bytes read into it (-1: the
  /// end, which is announced at once).
  func filled(_ count: Int) {
    lengths[fill] = count
    fill = (fill + 1) % FileHasher.buffers
    unannounced += 1
    if unannounced == FileHasher.batch || count < 0 {
      unannounced = 0
      ready.signal()
    }
  }

  /// Waits for the hash of every byte handed over (lowercase hex).
  func finish() -> String {
    end()
    return result.withLock { $0 } ?? ""
  }

  /// Stops without a hash (the parse failed, so it is not needed).
  func cancel() {
    end()
  }

  private func end() {
    guard !ended else { return }
    ended = true
    _ = nextBuffer()
    filled(-1)
    finished.wait()
  }

  private func hashChunks() {
    var hasher = SHA256()
    var take = 0
    // Each wake-up announces a whole batch, or fewer buffers ending with the end mark.
    hashing: while true {
      ready.wait()
      for _ in 0..<FileHasher.batch {
        let count = lengths[take]
        if count < 0 { break hashing }
        hasher.update(
          bufferPointer: UnsafeRawBufferPointer(rebasing: storage[take * chunkSize..<take * chunkSize + count]))
        take = (take + 1) % FileHasher.buffers
        free.signal()
      }
    }
    let digest = ValueFormat.hex(hasher.finalize())
    result.withLock { $0 = digest }
    finished.signal()
  }
}
