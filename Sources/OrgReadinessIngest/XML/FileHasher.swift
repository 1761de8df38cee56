import Crypto
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Computes a file's SHA-256 on another thread while the parser reads it, so that hashing (about
/// a quarter of libxml2's own parsing time) does not lengthen ingest when a core is free.
final class FileHasher: Sendable {
  private let cancelled = Atomic<Bool>(false)
  private let result = Mutex<String?>(nil)
  private let done = DispatchSemaphore(value: 0)

  /// Starts hashing `path` on a thread of its own (not a shared pool's, which the ingest of the
  /// other inputs may be holding).
  init(path: String) {
    let thread = Thread { [self] in
      let digest = FileHasher.sha256(path: path, cancelled: cancelled)
      result.withLock { $0 = digest }
      done.signal()
    }
    thread.start()
  }

  /// Waits for the hash (nil when the file could not be read or hashing was cancelled).
  func wait() -> String? {
    done.wait()
    return result.withLock { $0 }
  }

  /// Stops early (the parse failed, so the hash is not needed).
  func cancel() {
    cancelled.store(true, ordering: .relaxed)
    done.wait()
  }

  static func sha256(path: String, cancelled: borrowing Atomic<Bool>) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    var hasher = SHA256()
    while !cancelled.load(ordering: .relaxed) {
      let n = read(fd, buffer.baseAddress, size)
      guard n >= 0 else { return nil }
      if n == 0 {
        return hasher.finalize().map { byte in
          let hex = Array("0123456789abcdef")
          return String([hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }.joined()
      }
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }
    return nil
  }
}
