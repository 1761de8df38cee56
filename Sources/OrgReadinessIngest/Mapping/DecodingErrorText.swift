/// A decoding error as "key.path: what is wrong", for messages about configuration files.
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
  switch error {
  case .keyNotFound(let key, let context):
    let parent = keyPath(context.codingPath)
    return "\(parent.isEmpty ? "" : parent + ".")\(key.stringValue): this key is required"
  case .typeMismatch(let type, let context):
    return "\(keyPath(context.codingPath)): expected \(type)"
  case .valueNotFound(let type, let context):
    return "\(keyPath(context.codingPath)): expected \(type), found nothing"
  case .dataCorrupted(let context):
    return "\(keyPath(context.codingPath)): \(context.debugDescription)"
  @unknown default:
    return "\(error)"
  }
}
