import Crypto
import Foundation

/// Keyed pseudonyms for leaders in restricted outputs: `L-` + the first 16 hex digits of
/// HMAC-SHA-256(key, employee id). Stable for one key, unrelated across keys, and not reversible
/// without the key (which HR keeps outside the pipeline).
public struct Pseudonymizer {
  /// Keys shorter than this are refused: a short key can be guessed and the ids recovered.
  public static let minimumKeyLength = 16
  private let key: SymmetricKey

  /// Nil when the key is missing or too short.
  public init?(key: String?) {
    guard let key, key.utf8.count >= Pseudonymizer.minimumKeyLength else { return nil }
    self.key = SymmetricKey(data: Data(key.utf8))
  }

  public func pseudonym(_ id: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: key)
    let hex = mac.prefix(8).map { byte in
      let digits = Array("0123456789abcdef")
      return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }.joined()
    return "L-" + hex
  }
}
