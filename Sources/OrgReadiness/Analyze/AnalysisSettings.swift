/// The knobs of the analysis stage, from the pipeline definition.
public struct AnalysisSettings: Hashable, Sendable {
  public var bootstrapSeed: UInt64
  public var bootstrapResamples: Int
  /// Figures over fewer teams than this are not reported ("not enough data").
  public var minGroupSize: Int
  public var survival: SurvivalSettings

  public init(
    bootstrapSeed: UInt64 = 20_240_601, bootstrapResamples: Int = 2000, minGroupSize: Int = 5,
    survival: SurvivalSettings = SurvivalSettings()
  ) {
    self.bootstrapSeed = bootstrapSeed
    self.bootstrapResamples = bootstrapResamples
    self.minGroupSize = minGroupSize
    self.survival = survival
  }
}
