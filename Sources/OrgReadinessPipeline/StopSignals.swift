import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGTERM and SIGINT (what cron, systemd, Airflow and Kubernetes send, and Ctrl-C) ask a run to
/// stop at its next safe point: the runner checks `StopSignals.received` between stages and just
/// before a run folder is moved into place, and stops there with exit 128 + the signal
/// (docs/decisions/0054-clean-stops.md). A second signal ends the process at once; that is as
/// safe as SIGKILL (the last good report is never touched), only less tidy: the next run removes
/// what it left.
public enum StopSignals {
  /// The first stop signal received, 0 before any.
  private static let first = Atomic<Int32>(0)
  /// The write end of the pipe that wakes the watcher thread (set once, before the handlers).
  nonisolated(unsafe) private static var wake: Int32 = -1

  /// The signal that asked for a stop, if one did.
  public static var received: Int32? {
    let signal = first.load(ordering: .acquiring)
    return signal == 0 ? nil : signal
  }

  /// Installs the handlers for SIGTERM and SIGINT. `notify` is called on a thread of its own as
  /// soon as the first signal arrives (the handler itself only records it and writes one byte to
  /// a pipe: all a signal handler may safely do).
  public static func install(notify: @escaping @Sendable (Int32) -> Void) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return }
    wake = fds[1]
    let readEnd = fds[0]
    Thread {
      var byte: UInt8 = 0
      while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
      if let signal = received { notify(signal) }
    }.start()
    // A process may start with the signals blocked (its parent's mask is inherited: test runners
    // and some supervisors block them); unblock them here, before the run's threads start.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for signal in [SIGTERM, SIGINT] {
      sigaddset(&unblock, signal)
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        let (isFirst, _) = StopSignals.first.compareExchange(
          expected: 0, desired: signal, ordering: .acquiringAndReleasing)
        guard isFirst else { _exit(128 + signal) }
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(StopSignals.wake, &byte, 1)
      }
      action.sa_flags = SA_RESTART
      sigemptyset(&action.sa_mask)
      sigaction(signal, &action, nil)
    }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }
}
