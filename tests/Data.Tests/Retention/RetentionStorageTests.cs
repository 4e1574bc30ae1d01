using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data.Retention;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Tests.Rollups;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Retention;

/// <summary>Retention written once, run on every provider: only expired rows go, history stays in rollups.</summary>
public abstract class RetentionStorageTests
{
    private static readonly DateTime Now = RollupTestDatabase.Now;

    private protected abstract Task<RollupTestDatabase> CreateDatabaseAsync();

    private static List<UsageRecord> Records(DateTime start, int count, int seed) =>
        RollupRecords.Spread(start, TimeSpan.FromHours(2), count, seed);

    [Fact]
    public async Task Purge_deletes_only_expired_raw_rows_and_rollup_buckets_in_batches()
    {
        await using var db = await CreateDatabaseAsync();
        var expired = Now.AddDays(-100);
        var kept = Now.AddDays(-89);
        await db.StoreAsync(Records(expired, 20, 0));
        await db.StoreAsync(Records(kept, 5, 100));
        await db.StoreAsync(Records(Now.AddDays(-1), 5, 200));

        var purger = db.Services.GetRequiredService<UsagePurger>();
        var result = await purger.PurgeAsync(Now, TestContext.Current.CancellationToken);

        Assert.Equal(20, result.RawRows);
        Assert.Equal(10, await db.ScalarAsync("SELECT COUNT(*) FROM usage_records"));
        var cutoffBucket = RollupBuckets.Floor(RollupPeriod.Base, RollupBuckets.ToUnixMs(Now.AddDays(-90)));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_rollups WHERE period = 0 AND bucket_start < {cutoffBucket}"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_latency_rollups WHERE period = 0 AND bucket_start < {cutoffBucket}"));
        Assert.Equal(10, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 0 AND kind = 0"));

        // Hourly rows go with the 15-minute ones.
        var hourCutoff = RollupBuckets.Floor(RollupPeriod.Hour, RollupBuckets.ToUnixMs(Now.AddDays(-90)));
        var hours = $"WHERE period = {(short)RollupPeriod.Hour}";
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_latency_rollups {hours} AND bucket_start < {hourCutoff}"));
        Assert.Equal(10, await db.ScalarAsync($"SELECT SUM(count) FROM usage_latency_rollups {hours} AND kind = {(short)RollupDimension.Path}"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_rollups {hours} AND bucket_start < {hourCutoff}"));
        Assert.Equal(10, await db.ScalarAsync($"SELECT SUM(hits) FROM usage_rollups {hours} AND kind = {(short)RollupDimension.Path}"));

        // Days and months keep the purged history.
        Assert.Equal(30, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 1 AND kind = 0"));
        Assert.Equal(30, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 2 AND kind = 0"));

        var earliest = await db.Services.GetRequiredService<IUsageDataCoverage>().GetEarliestRawRecordAsync(TestContext.Current.CancellationToken);
        Assert.Equal(kept, earliest);

        // A second run finds nothing more.
        var again = await purger.PurgeAsync(Now, TestContext.Current.CancellationToken);
        Assert.Equal(0, again.RawRows + again.RollupRows);
    }

    [Fact]
    public async Task Rebuild_after_purge_keeps_history_that_only_rollups_still_hold()
    {
        await using var db = await CreateDatabaseAsync();
        await db.StoreAsync(Records(Now.AddDays(-100), 20, 0));
        await db.StoreAsync(Records(Now.AddDays(-89), 5, 100));
        await db.Services.GetRequiredService<UsagePurger>().PurgeAsync(Now, TestContext.Current.CancellationToken);
        var days = await db.QueryRowsAsync("SELECT * FROM usage_rollups WHERE period > 0 ORDER BY period, kind, bucket_start, app, grp, bot, dim_key");

        await db.Services.GetRequiredService<RollupRebuilder>().RebuildAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(days, await db.QueryRowsAsync("SELECT * FROM usage_rollups WHERE period > 0 ORDER BY period, kind, bucket_start, app, grp, bot, dim_key"));
        Assert.Equal(25, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 2 AND kind = 0"));
    }

    [Fact]
    public async Task Daily_buckets_expire_after_their_own_retention()
    {
        await using var db = await CreateDatabaseAsync();
        await db.StoreAsync(Records(Now.AddDays(-1200), 3, 0));
        await db.StoreAsync(Records(Now.AddDays(-2), 4, 10));
        await db.Services.GetRequiredService<UsagePurger>().PurgeAsync(Now, TestContext.Current.CancellationToken);

        Assert.Equal(4, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 1 AND kind = 0"));
        // Monthly buckets are kept forever by default.
        Assert.Equal(7, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 2 AND kind = 0"));
    }
}
