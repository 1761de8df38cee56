import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive, advisory lock on the output folder, so two runs never write reports or the
/// ledger at once. The operating system releases it if the process dies.
public final class RunLock {
  public let path: String
  private let fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  /// Takes the lock in `directory` or fails at once with exit code 4.
  public static func acquire(directory: String) throws(RunFailure) -> RunLock {
    let path = (directory as NSString).appendingPathComponent(".orgready.lock")
    let fd = open(path, O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else {
      throw .unexpected("\(path): cannot open the lock file: \(String(cString: strerror(errno)))")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      var holder = ""
      var buffer = [UInt8](repeating: 0, count: 32)
      let n = pread(fd, &buffer, 31, 0)
      if n > 0 {
        holder = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      }
      close(fd)
      throw .locked(
        "\(path): another OrgReadiness run holds the lock\(holder.isEmpty ? "" : " (process \(holder))"); wait for it to finish, or run with a different --output folder"
      )
    }
    _ = ftruncate(fd, 0)
    let pid = "\(getpid())\n"
    _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    return RunLock(path: path, fd: fd)
  }

  deinit {
    _ = ftruncate(fd, 0)
    flock(fd, LOCK_UN)
    close(fd)
  }
}
