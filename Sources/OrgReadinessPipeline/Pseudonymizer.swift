import Crypto
import Foundation
import OrgReadiness

/// Keyed pseudonyms for leaders in restricted outputs: `L-` + the first 16 hex digits of
/// HMAC-SHA-256(key, employee id). Stable for one key, unrelated across keys, and not reversible
/// without the key (which HR keeps outside the pipeline). Sendable: the keyed HMAC is set once
/// and only copied (a copy-on-write value swift-crypto does not declare `Sendable`).
public struct Pseudonymizer: @unchecked Sendable {
  /// Keys shorter than this are refused: a short key can be guessed and the ids recovered.
  public static let minimumKeyLength = 16
  /// The HMAC with the key taken in (its inner and outer pads hashed once); each pseudonym
  /// continues a copy of it.
  private let keyed: HMAC<SHA256>

  /// Nil when the key is missing or too short.
  public init?(key: String?) {
    guard let key, key.utf8.count >= Pseudonymizer.minimumKeyLength else { return nil }
    keyed = HMAC<SHA256>(key: SymmetricKey(data: Data(key.utf8)))
  }

  public func pseudonym(_ id: String) -> String {
    var hmac = keyed
    var id = id
    // The id's bytes and the MAC's first eight are read in place (no copy into a `Data`, no
    // generic iteration of the MAC).
    id.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
    return "L-" + hmac.finalize().withUnsafeBytes { ValueFormat.hex($0.prefix(8)) }
  }
}
