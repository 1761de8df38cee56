import Foundation

/// Runs the built `orgready` binary and captures its exit code and output.
struct CommandResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum CommandRunner {
  static func orgready(
    _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
  ) throws -> CommandResult {
    try run(TestPaths.binary, arguments, environment: environment, directory: directory)
  }

  /// Runs `executable` (e.g. an installed copy of `orgready`, or `make`).
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Writes a pipeline definition for sample files in `directory` and returns its path.
  static func writePipeline(
    in directory: URL, jobHistory: String? = nil, teamMetrics: String? = nil, errorBudget: Double = 0.05,
    resamples: Int = 200, minGroupSize: Int = 5
  ) throws -> String {
    // The sample's support enrolments, when the sample wrote them (`orgready sample` does).
    let enrolments = directory.appendingPathComponent("samples/support_enrolments.xml").path
    let enrolmentInput =
      jobHistory == nil && FileManager.default.fileExists(atPath: enrolments)
      ? """

        - name: support_enrolments
          path: \(enrolments)
          mapping: \(TestPaths.mapping("plain-support-enrolments"))
      """ : ""
    let yaml = """
      version: 1
      name: e2e
      inputs:
        - name: job_history
          path: \(jobHistory ?? directory.appendingPathComponent("samples/job_history.xml").path)
          mapping: \(TestPaths.mapping("workday-raas-job-history"))
        - name: team_metrics
          path: \(teamMetrics ?? directory.appendingPathComponent("samples/team_metrics.xml").path)
          mapping: \(TestPaths.mapping("workday-raas-team-metrics"))\(enrolmentInput)
      window_periods: 3
      bootstrap:
        seed: 42
        resamples: \(resamples)
      privacy:
        min_group_size: \(minGroupSize)
      error_budget: \(errorBudget)
      output: \(directory.appendingPathComponent("Reports").path)
      templates: \(TestPaths.templates)
      playbook: \(TestPaths.root.appendingPathComponent("Pipelines/playbook.yml").path)
      capacity: { coaching_slots: 12, per: quarter }
      """
    let path = directory.appendingPathComponent("pipeline.yml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
