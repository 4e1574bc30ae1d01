namespace UsageDashboard.Data.Rollups;

/// <summary>One 15-minute bucket, application, route group and bot flag: the part every narrow rollup key shares.</summary>
internal readonly record struct ScopeKey(long BucketStart, string App, string Group, bool Bot);
