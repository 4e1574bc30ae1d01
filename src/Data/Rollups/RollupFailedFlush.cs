namespace UsageDashboard.Data.Rollups;

/// <summary>A background flush of <see cref="RollupHook"/> that failed: the parts it did not write, and why.</summary>
internal sealed record RollupFailedFlush(List<RollupBatch> Parts, Exception Error);
