import Foundation

/// Where the files that ship with OrgReadiness (mappings, report templates, the playbook) are
/// found, wherever the pipeline and the current directory are: installed beside the executable
/// (`make install PREFIX=…` puts them in `<prefix>/share/orgready/`), or in the source checkout the
/// executable was built in (`.build/<config>/orgready` below the checkout's root).
/// See docs/decisions/0022-builtin-files-beside-the-executable.md.
public enum BuiltinFiles {
  /// The candidates for one kind of built-in, nearest first: `../share/orgready/<installed>` next
  /// to the executable, then `<checkout>` in the executable's folder or any folder above it.
  /// Candidates are returned whether or not they exist.
  public static func candidates(
    installed: String, checkout: String, executablePath: String? = BuiltinFiles.currentExecutablePath()
  ) -> [String] {
    guard let executablePath else { return [] }
    var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
    var paths = [folder.appendingPathComponent("../share/orgready").appendingPathComponent(installed).standardized.path]
    for _ in 0..<8 {
      paths.append(folder.appendingPathComponent(checkout).path)
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    return paths
  }

  /// The report templates folder that ships with the executable, or nil when none is found.
  public static func templates(executablePath: String? = BuiltinFiles.currentExecutablePath()) -> String? {
    candidates(installed: "templates", checkout: "Reports/templates", executablePath: executablePath).first {
      FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("executive.html.mustache"))
    }
  }

  /// The running executable (`/proc/self/exe` on Linux), or nil.
  public static func currentExecutablePath() -> String? {
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
    return Bundle.main.executablePath
  }
}
