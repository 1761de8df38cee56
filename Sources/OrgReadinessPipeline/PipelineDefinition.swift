import Foundation
import OrgReadiness
import OrgReadinessIngest
import Yams

/// A pipeline definition (`Pipelines/*.yml`, `version: 1`): what to read, through which mapping,
/// and the analysis settings. Relative paths are resolved against the definition's folder.
public struct PipelineDefinition: Sendable {
  public static let supportedVersion = 1
  /// The privacy floor: no configuration may report over fewer teams than this.
  public static let minimumGroupSizeFloor = 3

  public struct Input: Sendable, Hashable {
    public var name: String
    public var path: String
    /// The mapping file (a built-in name is resolved to its file when the definition loads).
    public var mapping: String
  }

  /// How many run folders the output folder keeps (`retention`); nil keeps every one.
  public struct Retention: Sendable, Hashable {
    /// Successful run folders to keep, newest first (the one `latest` points at is always kept).
    public var keepRuns: Int?
    /// Folders of failed and stopped runs (under `failed/`) to keep, newest first.
    public var keepFailed: Int?

    public init(keepRuns: Int? = nil, keepFailed: Int? = nil) {
      self.keepRuns = keepRuns
      self.keepFailed = keepFailed
    }
  }

  public enum AsOf: Sendable, Hashable {
    case today
    case date(CalendarDate)
  }

  public var path: String
  public var name: String
  public var inputs: [Input]
  public var asOf: AsOf
  /// Every analysis setting (window, bootstrap, privacy minimum, survival, priority and the
  /// support playbook), with the defaults of `AnalysisSettings` where the definition is silent.
  public var analysis: AnalysisSettings
  public var errorBudget: Double
  public var output: String
  /// The report templates folder: `templates` when set (relative to the definition), else the
  /// built-in templates beside the executable (`BuiltinFiles`).
  public var templates: String
  /// The support playbook file: `playbook` when set, else `playbook.yml` beside the definition when
  /// it exists; nil means the built-in playbook (the same as the shipped `Pipelines/playbook.yml`).
  /// Loaded into `analysis.playbook`.
  public var playbook: String?
  /// The environment variable that holds the pseudonym key for analyst outputs.
  public var pseudonymKeyEnvironment: String
  /// Write the restricted analyst outputs (analyst.html, leaders.csv) when the key is set.
  public var analystOutputs: Bool
  /// Older run folders removed after each successful publish (the ledger keeps every run).
  public var retention: Retention
  public var warnings: [Warning]

  /// Loads and checks a definition; every problem names the file and the key. A `mapping` that
  /// is a name rather than a path is looked up in `catalog` (default: the standard search path
  /// with the definition's own `mappings/` folder).
  public static func load(path: String, catalog: MappingCatalog? = nil) throws(RunFailure) -> PipelineDefinition {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .configuration("\(path): error: cannot read the pipeline definition: \(error.localizedDescription)")
    }
    return try parse(yaml: text, path: path, catalog: catalog)
  }

  public static func parse(yaml text: String, path: String, catalog: MappingCatalog? = nil) throws(RunFailure)
    -> PipelineDefinition
  {
    func fail(_ key: String, _ message: String) -> RunFailure {
      .configuration("\(path): error: \(key.isEmpty ? "" : key + ": ")\(message)")
    }
    let raw: RawDefinition
    var warnings: [Warning] = []
    do {
      if case .mapping(let top)? = try Yams.compose(yaml: text) {
        for key in top.keys.compactMap(\.string) where !RawDefinition.knownKeys.contains(key) {
          warnings.append(Warning(source: path, "unknown key '\(key)' is ignored"))
        }
        if case .mapping(let retention)? = top["retention"] {
          for key in retention.keys.compactMap(\.string) where !["keep_runs", "keep_failed"].contains(key) {
            warnings.append(Warning(source: path, "unknown key 'retention.\(key)' is ignored"))
          }
        }
      } else {
        throw fail("", "the pipeline definition must be a YAML mapping")
      }
      raw = try YAMLDecoder().decode(RawDefinition.self, from: text)
    } catch let error as RunFailure {
      throw error
    } catch let error as DecodingError {
      throw fail("", describeDecodingError(error))
    } catch {
      throw fail("", "not valid YAML: \(error)")
    }
    guard raw.version == supportedVersion else {
      throw fail("version", "version \(raw.version) is not supported; this tool reads version \(supportedVersion)")
    }
    let base = URL(fileURLWithPath: path).deletingLastPathComponent()
    func resolve(_ p: String) -> String {
      p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path
    }
    guard !raw.inputs.isEmpty else { throw fail("inputs", "at least one input is needed") }
    var names = Set<String>()
    var inputs: [Input] = []
    let mappings = catalog ?? MappingCatalog.standard(pipelineDirectory: base.path)
    for (i, input) in raw.inputs.enumerated() {
      guard names.insert(input.name).inserted else {
        throw fail("inputs[\(i)].name", "the name '\(input.name)' is used twice")
      }
      var mapping = resolve(input.mapping)
      if MappingCatalog.isName(input.mapping) {
        guard let found = mappings.path(forName: input.mapping) else {
          let known = mappings.entries().map(\.name)
          throw fail(
            "inputs[\(i)].mapping",
            "no mapping is called '\(input.mapping)'\(known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"); give the path of a .yml file, or see 'orgready mappings'"
          )
        }
        mapping = found
      }
      let pattern = resolve(input.path)
      guard InputPaths.isPattern(input.path) else {
        inputs.append(Input(name: input.name, path: pattern, mapping: mapping))
        continue
      }
      // A pattern (paged exports, e.g. get_workers_page_*.xml): one input per file, in natural
      // order, so that every file has its own accounting.
      let files = InputPaths.expand(pattern)
      guard !files.isEmpty else {
        throw fail("inputs[\(i)].path", "'\(input.path)' matches no file")
      }
      for (k, file) in files.enumerated() {
        let name = files.count == 1 ? input.name : "\(input.name)[\(k + 1)]"
        guard names.insert(name).inserted || files.count == 1 else {
          throw fail("inputs[\(i)].name", "the name '\(name)' is used twice")
        }
        inputs.append(Input(name: name, path: file, mapping: mapping))
      }
    }
    var asOf = AsOf.today
    if let text = raw.asOf, text != "today" {
      guard let date = CalendarDate(iso: text) else {
        throw fail("as_of", "'\(text)' is not a date; write YYYY-MM-DD or 'today'")
      }
      asOf = .date(date)
    }
    var analysis = AnalysisSettings()
    let window = raw.windowPeriods ?? analysis.windowLength
    guard (1...24).contains(window) else { throw fail("window_periods", "must be between 1 and 24 months") }
    analysis.windowLength = window
    let resamples = raw.bootstrap?.resamples ?? analysis.bootstrapResamples
    guard (100...100_000).contains(resamples) else {
      throw fail("bootstrap.resamples", "must be between 100 and 100000")
    }
    analysis.bootstrapResamples = resamples
    if let seed = raw.bootstrap?.seed { analysis.bootstrapSeed = seed }
    let minGroup = raw.privacy?.minGroupSize ?? analysis.minGroupSize
    guard minGroup >= minimumGroupSizeFloor else {
      throw fail(
        "privacy.min_group_size",
        "\(minGroup) is below the floor of \(minimumGroupSizeFloor); small groups would identify individual leaders")
    }
    analysis.minGroupSize = minGroup
    let budget = raw.errorBudget ?? 0.05
    guard (0...1).contains(budget) else { throw fail("error_budget", "must be a share between 0 and 1") }
    if let a = raw.analysis {
      if let level = a.significanceLevel {
        guard level > 0, level <= 0.2 else {
          throw fail("analysis.significance_level", "must be above 0 and at most 0.2 (a false discovery rate)")
        }
        analysis.significanceLevel = level
      }
      if let level = a.confidenceLevel {
        guard level >= 0.5, level < 1 else {
          throw fail("analysis.confidence_level", "must be at least 0.5 and below 1 (e.g. 0.95)")
        }
        analysis.confidenceLevel = level
      }
      if let months = a.leaderChangeMonths {
        guard (2...12).contains(months) else {
          throw fail("analysis.leader_change_months", "must be between 2 and 12 months")
        }
        analysis.leaderChangeMonths = months
      }
    }
    var priority = analysis.priority
    if let p = raw.priority {
      if let w = p.weights {
        guard [w.excess, w.newLeaders, w.trend, w.people].allSatisfy({ $0 >= 0 }),
          w.excess + w.newLeaders + w.trend + w.people > 0
        else { throw fail("priority.weights", "weights must be zero or positive, and not all zero") }
        priority.weights = w
      }
      if let days = p.newLeaderDays {
        guard (30...1095).contains(days) else {
          throw fail("priority.new_leader_days", "must be between 30 and 1095 days")
        }
        priority.newLeaderDays = days
      }
      if let c = p.clearlyWorse {
        guard c > 0 else { throw fail("priority.clearly_worse", "must be above 0 (robust SDs above baseline)") }
        priority.clearlyWorse = c
      }
      if let t = p.tiers?.actNow { priority.actNowScore = t }
      if let t = p.tiers?.watch { priority.watchScore = t }
      guard priority.watchScore <= priority.actNowScore else {
        throw fail("priority.tiers", "'watch' must not be above 'act_now'")
      }
      if let top = p.sensitivity?.top {
        guard top >= 1 else { throw fail("priority.sensitivity.top", "must be at least 1") }
        priority.sensitivityTop = top
      }
      if let alternatives = p.sensitivity?.alternatives { priority.alternativeWeights = alternatives }
    }
    analysis.priority = priority
    var survival = analysis.survival
    if let v = raw.survival {
      if let indicator = v.indicator { survival.indicator = indicator }
      if let drop = v.drop {
        guard drop > 0 else { throw fail("survival.drop", "must be above 0") }
        survival.drop = drop
      }
      if let months = v.baselineMonths {
        guard (1...6).contains(months) else { throw fail("survival.baseline_months", "must be between 1 and 6") }
        survival.baselineMonths = months
      }
    }
    analysis.survival = survival
    if let f = raw.forecast {
      var warning = analysis.earlyWarning
      if let horizon = f.horizon {
        guard (1...6).contains(horizon) else { throw fail("forecast.horizon", "must be between 1 and 6 months") }
        warning.horizon = horizon
      }
      if let worse = f.bottleneckWorseBy {
        guard worse > 0 else { throw fail("forecast.bottleneck_worse_by", "must be above 0 (robust SDs)") }
        warning.bottleneckWorseBy = worse
      }
      if let ridge = f.ridge {
        guard ridge >= 0, ridge.isFinite else { throw fail("forecast.ridge", "must be 0 or more") }
        warning.ridge = ridge
      }
      if let events = f.minimumEvents {
        guard events >= 1 else { throw fail("forecast.minimum_events", "must be at least 1") }
        warning.minimumEvents = events
      }
      analysis.earlyWarning = warning
    }
    if let months = raw.trendMonths {
      guard (2...60).contains(months) else { throw fail("trend_months", "must be between 2 and 60 months") }
      analysis.trendMonths = months
    }
    if let c = raw.capacity {
      guard let slots = c.coachingSlots, slots >= 1 else {
        throw fail("capacity.coaching_slots", "must be a whole number of at least 1 (coaching slots per period)")
      }
      let per = c.per ?? CapacitySettings.Period.quarter.rawValue
      guard let period = CapacitySettings.Period(rawValue: per) else {
        throw fail("capacity.per", "'\(per)' is not a period; write month, quarter or year")
      }
      analysis.priority.capacity = CapacitySettings(slots: slots, period: period)
    }
    if let levels = raw.hierarchy?.levels {
      guard (1...6).contains(levels) else { throw fail("hierarchy.levels", "must be between 1 and 6") }
      analysis.hierarchyLevels = levels
    }
    var retention = Retention()
    if let r = raw.retention {
      for (key, value) in [("keep_runs", r.keepRuns), ("keep_failed", r.keepFailed)] {
        if let value, value < 1 {
          throw fail("retention.\(key)", "must be at least 1 (leave 'retention' out to keep every run folder)")
        }
      }
      retention = Retention(keepRuns: r.keepRuns, keepFailed: r.keepFailed)
    }
    let playbook = raw.playbook.map(resolve) ?? defaultPlaybook(resolve("playbook.yml"))
    if let playbook { analysis.playbook = try loadPlaybook(playbook, definition: path) }
    return PipelineDefinition(
      path: path, name: raw.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
      inputs: inputs, asOf: asOf, analysis: analysis, errorBudget: budget,
      output: resolve(raw.output ?? "../Reports"), templates: raw.templates.map(resolve) ?? builtinTemplates(),
      playbook: playbook, pseudonymKeyEnvironment: raw.privacy?.pseudonymKeyEnv ?? "ORGREADY_PSEUDONYM_KEY",
      analystOutputs: raw.privacy?.analystOutputs ?? true, retention: retention, warnings: warnings)
  }

  /// The templates that ship with the executable (installed or in its checkout); where none is
  /// found, the installed location, so that the error names where they were looked for.
  static func builtinTemplates() -> String {
    BuiltinFiles.templates()
      ?? BuiltinFiles.candidates(installed: "templates", checkout: "Reports/templates").first ?? "templates"
  }

  private static func defaultPlaybook(_ path: String) -> String? {
    FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// Reads and checks a support playbook file.
  static func loadPlaybook(_ path: String, definition: String) throws(RunFailure) -> SupportPlaybook {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .configuration("\(path): error: cannot read the support playbook; set 'playbook' in \(definition)")
    }
    do {
      let playbook = try YAMLDecoder().decode(SupportPlaybook.self, from: text)
      guard playbook.version == 1 else {
        throw RunFailure.configuration(
          "\(path): error: version: playbook version \(playbook.version) is not supported; this tool reads version 1")
      }
      return playbook
    } catch let failure as RunFailure {
      throw failure
    } catch let error as DecodingError {
      throw .configuration("\(path): error: \(describeDecodingError(error))")
    } catch {
      throw .configuration("\(path): error: not valid YAML: \(error)")
    }
  }

  private struct RawDefinition: Decodable {
    struct RawInput: Decodable {
      var name: String
      var path: String
      var mapping: String
    }
    struct Bootstrap: Decodable {
      var seed: UInt64?
      var resamples: Int?
    }
    struct Privacy: Decodable {
      var minGroupSize: Int?
      var pseudonymKeyEnv: String?
      var analystOutputs: Bool?
      enum CodingKeys: String, CodingKey {
        case minGroupSize = "min_group_size"
        case pseudonymKeyEnv = "pseudonym_key_env"
        case analystOutputs = "analyst_outputs"
      }
    }
    struct Priority: Decodable {
      struct Tiers: Decodable {
        var actNow: Double?
        var watch: Double?
        enum CodingKeys: String, CodingKey {
          case actNow = "act_now"
          case watch
        }
      }
      struct Sensitivity: Decodable {
        var top: Int?
        var alternatives: [String: PriorityWeights]?
      }
      var weights: PriorityWeights?
      var newLeaderDays: Int?
      var clearlyWorse: Double?
      var tiers: Tiers?
      var sensitivity: Sensitivity?
      enum CodingKeys: String, CodingKey {
        case weights
        case newLeaderDays = "new_leader_days"
        case clearlyWorse = "clearly_worse"
        case tiers, sensitivity
      }
    }
    var version: Int
    var name: String?
    var inputs: [RawInput]
    var asOf: String?
    var windowPeriods: Int?
    var bootstrap: Bootstrap?
    var privacy: Privacy?
    var errorBudget: Double?
    var output: String?
    var templates: String?
    var priority: Priority?
    var playbook: String?
    var survival: Survival?
    var forecast: Forecast?
    var analysis: Analysis?
    var trendMonths: Int?
    var retention: RawRetention?
    var hierarchy: RawHierarchy?
    var capacity: RawCapacity?

    struct RawCapacity: Decodable {
      var coachingSlots: Int?
      var per: String?
      enum CodingKeys: String, CodingKey {
        case coachingSlots = "coaching_slots"
        case per
      }
    }

    struct RawHierarchy: Decodable {
      var levels: Int?
    }

    struct RawRetention: Decodable {
      var keepRuns: Int?
      var keepFailed: Int?
      enum CodingKeys: String, CodingKey {
        case keepRuns = "keep_runs"
        case keepFailed = "keep_failed"
      }
    }

    struct Analysis: Decodable {
      var significanceLevel: Double?
      var confidenceLevel: Double?
      var leaderChangeMonths: Int?
      enum CodingKeys: String, CodingKey {
        case significanceLevel = "significance_level"
        case confidenceLevel = "confidence_level"
        case leaderChangeMonths = "leader_change_months"
      }
    }

    /// The early-warning forecast (`forecast:`); defaults in `EarlyWarningSettings`.
    struct Forecast: Decodable {
      var horizon: Int?
      var bottleneckWorseBy: Double?
      var ridge: Double?
      var minimumEvents: Int?
      enum CodingKeys: String, CodingKey {
        case horizon
        case bottleneckWorseBy = "bottleneck_worse_by"
        case ridge
        case minimumEvents = "minimum_events"
      }
    }

    struct Survival: Decodable {
      var indicator: String?
      var drop: Double?
      var baselineMonths: Int?
      enum CodingKeys: String, CodingKey {
        case indicator, drop
        case baselineMonths = "baseline_months"
      }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case version, name, inputs
      case asOf = "as_of"
      case windowPeriods = "window_periods"
      case bootstrap, privacy
      case errorBudget = "error_budget"
      case output, templates, priority, playbook, survival, analysis
      case forecast
      case trendMonths = "trend_months"
      case retention, hierarchy, capacity
    }
    static let knownKeys = Set(CodingKeys.allCases.map(\.rawValue))
  }
}
