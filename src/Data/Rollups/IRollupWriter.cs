using System.Data.Common;

namespace UsageDashboard.Data.Rollups;

/// <summary>Upserts a pre-aggregated batch into the rollup tables inside the caller's transaction.</summary>
internal interface IRollupWriter
{
    Task WriteAsync(DbConnection connection, DbTransaction transaction, RollupRows rows, CancellationToken cancellationToken);
}
