/// A word a configuration file chooses from a fixed list (`produces: job_events`,
/// `worse_when: lower`). Decoding a word outside the list fails with a message that names the
/// value and every accepted word, in the file's own terms, instead of the decoder's
/// "Cannot initialize … from invalid String value".
public protocol ConfigurationWord: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension ConfigurationWord {
  /// The accepted words, as a list for messages ("a, b or c").
  public static var acceptedWords: String {
    let words = allCases.map(\.rawValue)
    guard words.count > 1, let last = words.last else { return words.first ?? "" }
    return words.dropLast().joined(separator: ", ") + " or " + last
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = Self(rawValue: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not accepted here; write \(Self.acceptedWords)")
    }
    self = value
  }
}
