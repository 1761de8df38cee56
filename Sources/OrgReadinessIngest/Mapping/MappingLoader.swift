import Foundation
import OrgReadiness
import Yams

/// A mapping file that cannot be used, naming the file and the key.
public struct MappingFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { "\(path): error: \(message)" }
}

/// Loads and compiles mapping files.
public enum MappingLoader {
  static let fieldKeys: Set<String> = [
    "path", "const", "format", "map", "otherwise", "default", "null_values", "split", "take", "infer", "file_name",
  ]
  static let indicatorKeys = fieldKeys.union(["family", "worse_when", "scale", "min", "max", "label"])
  static let eventKeys: Set<String> = ["each", "when", "fields", "drop"]
  static let dropKeys: Set<String> = ["path", "equals"]

  /// Warnings for misspelt keys inside fields, indicators, events and drop rules, which decoding
  /// would otherwise ignore without a word.
  static func nestedKeyWarnings(_ top: Node.Mapping, path: String) -> [Warning] {
    var warnings: [Warning] = []
    func check(_ node: Node?, known: Set<String>, at key: String) {
      guard case .mapping(let mapping)? = node else { return }
      for name in mapping.keys.compactMap(\.string) where !known.contains(name) {
        warnings.append(Warning(source: path, "unknown key '\(key).\(name)' is ignored"))
      }
    }
    func checkFields(_ node: Node?, known: Set<String>, at key: String) {
      guard case .mapping(let fields)? = node else { return }
      for (name, value) in fields {
        check(value, known: known, at: "\(key).\(name.string ?? "?")")
      }
    }
    func checkDrops(_ node: Node?, at key: String) {
      guard case .sequence(let rules)? = node else { return }
      for (i, rule) in rules.enumerated() { check(rule, known: dropKeys, at: "\(key)[\(i)]") }
    }
    checkFields(top["fields"], known: fieldKeys, at: "fields")
    checkFields(top["indicators"], known: indicatorKeys, at: "indicators")
    checkDrops(top["drop"], at: "drop")
    check(top["people_leader"], known: PeopleLeaderRule.knownKeys, at: "people_leader")
    if case .sequence(let events)? = top["events"] {
      for (i, event) in events.enumerated() {
        check(event, known: eventKeys, at: "events[\(i)]")
        checkFields(event["fields"], known: fieldKeys, at: "events[\(i)].fields")
        checkDrops(event["drop"], at: "events[\(i)].drop")
      }
    }
    return warnings
  }

  /// Warnings for the `TODO` placeholders a drafted mapping still holds: a value mapped to TODO,
  /// and a path, field or indicator that is TODO.
  static func placeholderWarnings(_ definition: MappingDefinition, path: String) -> [Warning] {
    let todo = MappingDraft.placeholder
    var specs = definition.fields.map { ("fields.\($0.key)", $0.value) }
    specs += (definition.indicators ?? [:]).map { ("indicators.\($0.key)", $0.value.field) }
    for (i, event) in (definition.events ?? []).enumerated() {
      specs += event.fields.map { ("events[\(i)].fields.\($0.key)", $0.value) }
    }
    var warnings: [Warning] = []
    for (key, spec) in specs.sorted(by: { $0.0 < $1.0 }) {
      if spec.paths.contains(todo) || key.hasSuffix(".\(todo)") {
        warnings.append(Warning(source: path, key: key, "still \(todo): give the path of the element that holds it"))
      }
      let mapped = (spec.map ?? [:]).filter { $0.value == todo }.map(\.key).sorted()
      if !mapped.isEmpty {
        let shown = mapped.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (mapped.count > 5 ? ", ..." : "")
        warnings.append(
          Warning(
            source: path, key: "\(key).map",
            "leaves \(mapped.count) value(s) as \(todo) (\(shown)): records with them are rejected until each names a value"
          ))
      }
      for (subkey, value) in [("otherwise", spec.otherwise), ("const", spec.const), ("default", spec.default)]
      where value == todo {
        warnings.append(Warning(source: path, key: "\(key).\(subkey)", "still \(todo)"))
      }
    }
    return warnings
  }

  /// Reads a YAML mapping file, checks it and compiles it. Unknown keys, and what the compiler had
  /// to assume, are returned as warnings rather than silently ignored.
  public static func load(path: String) throws(MappingFileError) -> (mapping: CompiledMapping, warnings: [Warning]) {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw MappingFileError(path: path, message: "cannot read the mapping file: \(error.localizedDescription)")
    }
    return try compile(yaml: text, path: path)
  }

  /// Compiles mapping YAML text (`path` is only used in messages).
  public static func compile(yaml text: String, path: String) throws(MappingFileError) -> (
    mapping: CompiledMapping, warnings: [Warning]
  ) {
    var warnings: [Warning] = []
    do {
      if case .mapping(let top)? = try Yams.compose(yaml: text) {
        for key in top.keys.compactMap(\.string) where !MappingDefinition.knownKeys.contains(key) {
          warnings.append(Warning(source: path, "unknown key '\(key)' is ignored"))
        }
        warnings += nestedKeyWarnings(top, path: path)
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
    warnings += placeholderWarnings(definition, path: path)
    do {
      let mapping = try CompiledMapping(definition)
      return (mapping, warnings + mapping.notes.map { Warning(source: path, key: $0.key, $0.message) })
    } catch {
      throw MappingFileError(path: path, message: error.description)
    }
  }
}
