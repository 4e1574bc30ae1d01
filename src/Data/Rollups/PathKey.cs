namespace UsageDashboard.Data.Rollups;

/// <summary>One path in one 15-minute bucket, application, route group and bot flag: the key of <see cref="PathSums"/>.</summary>
internal readonly record struct PathKey(long BucketStart, string App, string Group, bool Bot, string Path);
