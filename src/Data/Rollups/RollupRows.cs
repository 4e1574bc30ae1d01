namespace UsageDashboard.Data.Rollups;

/// <summary>The rows one flush upserts, each array in primary-key order.</summary>
internal sealed record RollupRows(KeyValuePair<RollupKey, RollupSums>[] Counts, KeyValuePair<LatencyKey, LatencySums>[] Latency);
