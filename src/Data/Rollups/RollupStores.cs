using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>Which stores' batches feed the rollups.</summary>
internal static class RollupStores
{
    /// <summary>True for the EF Core database store: the one whose rows the rollups summarize.</summary>
    public static bool IsDatabaseStore(IUsageStore store) => store is DatabaseUsageStore;
}
