namespace UsageDashboard.Data.Rollups;

/// <summary>Running sums of one <see cref="RollupKey"/> within a batch.</summary>
internal sealed class RollupSums
{
    public long Hits;
    public long Bytes;
    public long Errors;
    public long ClientErrors;
    public long DurationSumUs;
}
