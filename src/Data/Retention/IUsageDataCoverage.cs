namespace UsageDashboard.Data.Retention;

/// <summary>Which range the raw records still cover (older ranges exist only as rollups).</summary>
public interface IUsageDataCoverage
{
    /// <summary>The date of the oldest raw record (UTC), or null when there is none.</summary>
    Task<DateTime?> GetEarliestRawRecordAsync(CancellationToken cancellationToken = default);
}
