import Foundation
import Yams

/// A mapping file that cannot be used, naming the file and the key.
public struct MappingFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { "\(path): error: \(message)" }
}

/// Loads and compiles mapping files.
public enum MappingLoader {
  /// Reads a YAML mapping file, checks it and compiles it. Unknown top-level keys are returned
  /// as warnings rather than silently ignored.
  public static func load(path: String) throws(MappingFileError) -> (mapping: CompiledMapping, warnings: [String]) {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw MappingFileError(path: path, message: "cannot read the mapping file: \(error.localizedDescription)")
    }
    return try compile(yaml: text, path: path)
  }

  /// Compiles mapping YAML text (`path` is only used in messages).
  public static func compile(yaml text: String, path: String) throws(MappingFileError) -> (mapping: CompiledMapping, warnings: [String]) {
    var warnings: [String] = []
    do {
      if case .mapping(let top)? = try Yams.compose(yaml: text) {
        for key in top.keys.compactMap(\.string) where !MappingDefinition.knownKeys.contains(key) {
          warnings.append("\(path): warning: unknown key '\(key)' is ignored")
        }
      }
    } catch {
      throw MappingFileError(path: path, message: "not valid YAML: \(error)")
    }
    let definition: MappingDefinition
    do {
      definition = try YAMLDecoder().decode(MappingDefinition.self, from: text)
    } catch let error as DecodingError {
      throw MappingFileError(path: path, message: describeDecodingError(error))
    } catch {
      throw MappingFileError(path: path, message: "\(error)")
    }
    do {
      return (try CompiledMapping(definition), warnings)
    } catch {
      throw MappingFileError(path: path, message: error.description)
    }
  }
}
