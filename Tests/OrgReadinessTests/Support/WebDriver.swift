import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Chromium and chromedriver are not installed (or not where they were said to be).
struct BrowserUnavailable: Error, CustomStringConvertible {
  var description: String
}

/// A WebDriver command the driver refused or could not carry out.
struct WebDriverError: Error, CustomStringConvertible {
  var description: String
}

/// Finds Debian's `chromium` and `chromium-driver` (or the binaries `CHROMIUM` and `CHROMEDRIVER`
/// name). Absent browsers are an error with the command that installs them, never a skipped test.
enum BrowserBinaries {
  static let install =
    "The browser tests need headless Chromium and chromedriver. On Debian: "
    + "sudo apt-get install chromium chromium-driver (.ci/run installs them when missing). "
    + "Elsewhere, set CHROMIUM to a Chromium or Chrome binary and CHROMEDRIVER to the chromedriver of the same version."

  static func locate() throws -> (driver: String, browser: String?) {
    let environment = ProcessInfo.processInfo.environment
    let driver = try find(
      "chromedriver", override: environment["CHROMEDRIVER"], candidates: ["/usr/bin/chromedriver"])
    // Debian's chromedriver starts /usr/lib/chromium/chromium by itself; name the binary only when
    // told to, so the driver's own default (matched to its version) is used otherwise.
    if let browser = environment["CHROMIUM"] {
      guard FileManager.default.isExecutableFile(atPath: browser) else {
        throw BrowserUnavailable(description: "CHROMIUM=\(browser) is not an executable file. " + install)
      }
      return (driver, browser)
    }
    _ = try find("chromium", override: nil, candidates: ["/usr/lib/chromium/chromium", "/usr/bin/chromium"])
    return (driver, nil)
  }

  static func find(_ name: String, override: String?, candidates: [String]) throws -> String {
    if let override {
      guard FileManager.default.isExecutableFile(atPath: override) else {
        throw BrowserUnavailable(
          description: "\(override) (from the environment) is not an executable file. " + install)
      }
      return override
    }
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
      "\($0)/\(name)"
    }
    guard let found = (candidates + path).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw BrowserUnavailable(description: "\(name) was not found. " + install)
    }
    return found
  }
}

/// Output of a child process, drained as it comes so the child never blocks on a full pipe; keeps
/// the first lines and the most recent output for messages.
final class CapturedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  func append(_ data: Data) {
    lock.lock()
    defer { lock.unlock() }
    text += String(decoding: data, as: UTF8.self)
    if text.count > 20_000 { text = String(text.prefix(2_000)) + "\n…\n" + String(text.suffix(8_000)) }
  }

  var value: String {
    lock.lock()
    defer { lock.unlock() }
    return text
  }
}

/// chromedriver, started on a port the operating system picks (`--port=0`, read back from its
/// first lines), so concurrent test runs on one machine never race for a port.
final class ChromeDriverProcess: @unchecked Sendable {
  let process: Process
  let base: URL
  private let output: Pipe
  private let captured: CapturedOutput

  init(driver: String) throws {
    let process = Process()
    let output = Pipe()
    let captured = CapturedOutput()
    process.executableURL = URL(fileURLWithPath: driver)
    process.arguments = ["--port=0", "--log-level=WARNING"]
    process.standardOutput = output
    process.standardError = output
    output.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      if !data.isEmpty { captured.append(data) }
    }
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    var port: Int?
    while port == nil && Date() < deadline && process.isRunning {
      port = Self.port(in: captured.value)
      if port == nil { Thread.sleep(forTimeInterval: 0.05) }
    }
    guard let port, let url = URL(string: "http://127.0.0.1:\(port)") else {
      output.fileHandleForReading.readabilityHandler = nil
      if process.isRunning { process.terminate() }
      throw BrowserUnavailable(description: "chromedriver (\(driver)) did not start: \(captured.value)")
    }
    self.process = process
    self.output = output
    self.captured = captured
    base = url
  }

  /// "ChromeDriver was started successfully on port 41189."
  static func port(in text: String) -> Int? {
    guard let range = text.range(of: "started successfully on port ") else { return nil }
    let digits = text[range.upperBound...].prefix { $0.isNumber }
    return Int(digits)
  }

  var log: String { captured.value }

  /// Stops the driver and any browser it left behind: chromedriver's own shutdown first (it closes
  /// the browsers of its sessions), then its whole process group, which the browsers share.
  func stop() {
    output.fileHandleForReading.readabilityHandler = nil
    guard process.isRunning else { return }
    _ = try? LocalHTTP.request("GET", base.appendingPathComponent("shutdown"), body: nil, timeout: 5)
    let pid = process.processIdentifier
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      // The browser is in the driver's process group only when the driver leads one.
      if getpgid(pid) == pid { kill(-pid, SIGKILL) } else { kill(pid, SIGKILL) }
    }
    process.waitUntilExit()
  }
}

/// HTTP/1.1 to a local server, one request per connection. FoundationNetworking's URLSession
/// cannot be used with chromedriver on Linux: it rejects chromedriver's header lines
/// (`Content-Length:917`, no space after the colon) with "Failed writing header".
enum LocalHTTP {
  static func request(_ method: String, _ url: URL, body: Data?, timeout: Double) throws -> (status: Int, body: Data) {
    guard let port = url.port else { throw WebDriverError(description: "no port in \(url)") }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw WebDriverError(description: "socket: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      throw WebDriverError(description: "cannot connect to \(url): \(String(cString: strerror(errno)))")
    }
    let payload = body ?? Data()
    var request = Data(
      ("\(method) \(url.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        + "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(payload.count)\r\n\r\n").utf8)
    request.append(payload)
    try request.withUnsafeBytes { buffer in
      var sent = 0
      while sent < buffer.count {
        let n = send(fd, buffer.baseAddress.map { $0 + sent }, buffer.count - sent, Int32(MSG_NOSIGNAL))
        guard n > 0 else { throw WebDriverError(description: "sending to \(url): \(String(cString: strerror(errno)))") }
        sent += n
      }
    }
    // Read the head, then Content-Length bytes of body (or to the end when there is none).
    var response = Data()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    var headEnd: Int?
    var expected: Int?
    while true {
      if let headEnd, let expected, response.count - headEnd >= expected { break }
      let n = recv(fd, &chunk, chunk.count, 0)
      if n == 0 { break }
      guard n > 0 else {
        throw WebDriverError(
          description:
            "no answer from \(method) \(url.path) within \(Int(timeout)) s: \(String(cString: strerror(errno)))")
      }
      response.append(contentsOf: chunk[0..<n])
      if headEnd == nil, let range = response.range(of: Data("\r\n\r\n".utf8)) {
        headEnd = range.upperBound
        let head = String(decoding: response[..<range.lowerBound], as: UTF8.self).lowercased()
        for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
          expected = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
      }
    }
    guard let headEnd else { throw WebDriverError(description: "\(method) \(url.path): no HTTP response") }
    let statusLine = String(decoding: response.prefix(while: { $0 != 13 }), as: UTF8.self).split(separator: " ")
    let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
    return (status, Data(response[headEnd...]))
  }
}

/// A W3C WebDriver session over chromedriver's HTTP interface, plus the two Chromium extensions
/// the checks need: Chrome DevTools commands (`goog/cdp/execute`) and the browser and performance
/// logs (`se/log`). Calls block; the browser pass runs on a thread of its own.
struct WebDriverSession: Sendable {
  let session: URL

  static func start(_ driver: ChromeDriverProcess, browser: String?) throws -> WebDriverSession {
    var options: [String: Any] = [
      "args": [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
        "--disable-crash-reporter", "--disable-breakpad", "--no-first-run", "--force-device-scale-factor=1",
        "--window-size=1280,900", "--lang=en-US",
      ],
      "perfLoggingPrefs": ["enableNetwork": true, "enablePage": false],
    ]
    if let browser { options["binary"] = browser }
    let capabilities: [String: Any] = [
      "browserName": "chrome",
      "goog:chromeOptions": options,
      "goog:loggingPrefs": ["browser": "ALL", "performance": "ALL"],
      "timeouts": ["pageLoad": 30_000, "script": 30_000],
    ]
    let value = try send(
      "POST", driver.base.appendingPathComponent("session"), ["capabilities": ["alwaysMatch": capabilities]])
    guard let id = (value as? [String: Any])?["sessionId"] as? String else {
      throw WebDriverError(description: "chromedriver returned no session id: \(value)\n\(driver.log)")
    }
    return WebDriverSession(session: driver.base.appendingPathComponent("session").appendingPathComponent(id))
  }

  @discardableResult
  func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any {
    try Self.send(method, session.appendingPathComponent(path), body ?? (method == "POST" ? [:] : nil))
  }

  /// A Chrome DevTools Protocol command in the session's page.
  @discardableResult
  func devtools(_ command: String, _ parameters: [String: Any] = [:]) throws -> [String: Any] {
    try self.command("POST", "goog/cdp/execute", ["cmd": command, "params": parameters]) as? [String: Any] ?? [:]
  }

  /// Runs `script` (a function body; `arguments` holds `args`) and returns its string result.
  func script(_ script: String, _ args: [Any] = []) throws -> String {
    let value = try command("POST", "execute/sync", ["script": script, "args": args])
    guard let text = value as? String else { throw WebDriverError(description: "the script returned \(value)") }
    return text
  }

  /// Entries of the "browser" (console, script and network errors) or "performance" (DevTools
  /// events) log since the previous call: reading a log empties it.
  func log(_ type: String) throws -> [[String: Any]] {
    try command("POST", "se/log", ["type": type]) as? [[String: Any]] ?? []
  }

  /// Ends the session, which closes its browser.
  func delete() {
    _ = try? Self.send("DELETE", session, nil)
  }

  static func send(_ method: String, _ url: URL, _ body: [String: Any]?) throws -> Any {
    let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
    let (status, data) = try LocalHTTP.request(method, url, body: payload, timeout: 60)
    let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    let value = (object as? [String: Any])?["value"] ?? NSNull()
    if status != 200 || (value as? [String: Any])?["error"] != nil {
      let error = value as? [String: Any]
      let message = error?["message"] as? String ?? String(decoding: data.prefix(500), as: UTF8.self)
      throw WebDriverError(
        description: "\(method) \(url.path) failed (HTTP \(status)): \(error?["error"] ?? "") \(message.prefix(500))")
    }
    return value
  }
}
