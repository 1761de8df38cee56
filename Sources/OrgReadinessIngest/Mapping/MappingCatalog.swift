import Foundation

/// Finds mapping files by name: the built-in ones shipped in `Pipelines/mappings/` and any a
/// user keeps in a folder of their own. See docs/decisions/0007-builtin-mapping-lookup.md.
///
/// The folders searched, in order (the first file `<name>.yml` found wins):
/// 1. every folder in `ORGREADY_MAPPINGS` (separated by `:`);
/// 2. `mappings/` next to the pipeline definition, when resolving for one;
/// 3. `../share/orgready/mappings` next to the executable (an installed copy), and
///    `Pipelines/mappings` in the executable's folder or any folder above it (a source checkout,
///    where the binary sits in `.build/<config>/`);
/// 4. `Pipelines/mappings` in the current directory.
public struct MappingCatalog: Sendable {
  public var directories: [String]

  public init(directories: [String]) {
    var seen = Set<String>()
    self.directories = directories.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.filter {
      seen.insert($0).inserted
    }
  }

  /// One mapping file found in the catalog.
  public struct Entry: Sendable {
    public var name: String
    public var path: String
    /// The compiled mapping, or why the file cannot be used.
    public var mapping: Result<CompiledMapping, MappingFileError>
  }

  /// The search path from the environment, the executable and the current directory.
  public static func standard(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executablePath: String? = BuiltinFiles.currentExecutablePath(),
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    pipelineDirectory: String? = nil
  ) -> MappingCatalog {
    var directories: [String] = []
    if let list = environment["ORGREADY_MAPPINGS"] {
      directories += list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
    if let pipelineDirectory { directories.append((pipelineDirectory as NSString).appendingPathComponent("mappings")) }
    directories += BuiltinFiles.candidates(
      installed: "mappings", checkout: "Pipelines/mappings", executablePath: executablePath)
    directories.append((currentDirectory as NSString).appendingPathComponent("Pipelines/mappings"))
    return MappingCatalog(directories: directories.filter { isDirectory($0) })
  }

  /// True when `text` names a mapping rather than giving a path (no `/`, no `.yml`/`.yaml`).
  public static func isName(_ text: String) -> Bool {
    !text.contains("/") && !text.hasSuffix(".yml") && !text.hasSuffix(".yaml") && !text.isEmpty
  }

  /// The file of the mapping called `name`, or nil.
  public func path(forName name: String) -> String? {
    for directory in directories {
      for ext in ["yml", "yaml"] {
        let candidate = (directory as NSString).appendingPathComponent("\(name).\(ext)")
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
      }
    }
    return nil
  }

  /// Every mapping in the catalog, by name (a name found in an earlier folder hides later ones).
  public func entries() -> [Entry] {
    var byName: [String: Entry] = [:]
    for directory in directories {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for file in files.sorted() where file.hasSuffix(".yml") || file.hasSuffix(".yaml") {
        let name = (file as NSString).deletingPathExtension
        guard byName[name] == nil else { continue }
        let path = (directory as NSString).appendingPathComponent(file)
        let mapping: Result<CompiledMapping, MappingFileError>
        do { mapping = .success(try MappingLoader.load(path: path).mapping) } catch { mapping = .failure(error) }
        byName[name] = Entry(name: name, path: path, mapping: mapping)
      }
    }
    return byName.keys.sorted().compactMap { byName[$0] }
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
