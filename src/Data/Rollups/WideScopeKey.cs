namespace UsageDashboard.Data.Rollups;

/// <summary>The scope of a <see cref="WideScopeSums"/>: a 15-minute bucket, the application and the bot flag.</summary>
internal readonly record struct WideScopeKey(long BucketStart, string App, bool Bot);
