import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Input paths that are patterns (`*`, `?`, `[...]`), for exports paged into several files.
enum InputPaths {
  static func isPattern(_ path: String) -> Bool {
    path.contains("*") || path.contains("?") || path.contains("[")
  }

  /// The files matching `pattern`, in natural order (`page_2` before `page_10`).
  static func expand(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for i in 0..<Int(result.gl_pathc) {
      if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
    }
    return paths.sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }
  }
}
