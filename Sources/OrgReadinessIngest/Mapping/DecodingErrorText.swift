/// A decoding error as "key.path: what is wrong", for messages about configuration files: the key
/// as the file writes it, and what it should hold in the file's terms (never a Swift type name).
public func describeDecodingError(_ error: DecodingError) -> String {
  func keyPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return text
  }
  func at(_ path: [any CodingKey]) -> String {
    let text = keyPath(path)
    return text.isEmpty ? "the file" : text
  }
  switch error {
  case .keyNotFound(let key, let context):
    let parent = keyPath(context.codingPath)
    return "\(parent.isEmpty ? "" : parent + ".")\(key.stringValue): this key is required"
  case .typeMismatch(let type, let context):
    return "\(at(context.codingPath)): expected \(expectedValue(type))"
  case .valueNotFound(let type, let context):
    return "\(at(context.codingPath)): expected \(expectedValue(type)), found nothing"
  case .dataCorrupted(let context):
    return "\(at(context.codingPath)): \(context.debugDescription)"
  @unknown default:
    return "\(error)"
  }
}

/// What a value of `type` looks like in a YAML configuration file.
func expectedValue(_ type: Any.Type) -> String {
  switch type {
  case is String.Type: return "a text value"
  case is Bool.Type: return "true or false"
  case is Int.Type, is Int32.Type, is Int64.Type, is UInt64.Type, is UInt32.Type: return "a whole number"
  case is Double.Type, is Float.Type: return "a number"
  default:
    let name = "\(type)"
    if name.hasPrefix("Array<") || name.hasPrefix("[") { return "a list" }
    if name.hasPrefix("Dictionary<") { return "a mapping of keys to values" }
    return "a mapping of keys to values"
  }
}
