import ArgumentParser
import Foundation
import OrgReadinessIngest
import OrgReadinessPipeline

/// The `orgready` command: a thin shell over the OrgReadiness library.
@main
struct OrgReady: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "orgready",
    abstract: "Where should proactive leadership support go first? A nightly people-analytics pipeline.",
    discussion: """
      Exit codes: 0 success, 1 unexpected failure (e.g. the disk is full), 2 unusable input or \
      configuration, 3 error budget exceeded (too many rejected records), 4 another run holds the \
      lock, 130 stopped by SIGINT, 143 stopped by SIGTERM (at a safe point; nothing published).
      """,
    version: version,
    subcommands: [Run.self, Validate.self, History.self, Diff.self, Mappings.self, Sample.self]
  )

  /// Parses and runs, mapping every failure to the documented exit codes (usage errors are
  /// configuration errors: exit 2).
  static func main() {
    // A file-size limit (ulimit -f) makes a write fail with EFBIG, reported like a full disk,
    // instead of killing the process with SIGXFSZ.
    signal(SIGXFSZ, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as RunFailure {
      Diagnostics.error(failure.description)
      Foundation.exit(failure.exitCode)
    } catch let failure as MappingFileError {
      Diagnostics.error(failure.description)
      Foundation.exit(2)
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success || code.rawValue == 0 {
        // --help, --version
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      Diagnostics.error(fullMessage(for: error))
      Foundation.exit(code == .validationFailure ? 2 : (code.rawValue == 1 ? 1 : 2))
    }
  }
}
