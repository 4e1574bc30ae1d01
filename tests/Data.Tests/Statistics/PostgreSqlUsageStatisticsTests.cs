using Microsoft.EntityFrameworkCore;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Statistics;

/// <summary>The statistics queries on a real PostgreSQL server (fails, not skips, under CI when none is available).</summary>
public sealed class PostgreSqlUsageStatisticsTests(PostgresServerFixture server) : UsageStatisticsTests
{
    // One seeded database shared by the class's tests (they only read); the cluster goes away with the fixture.
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static DbContextOptions<UsageDbContext>? _seeded;

    protected override async Task<DbContextOptions<UsageDbContext>> SeededAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (_seeded is null)
            {
                var options = Options(await server.CreateDatabaseAsync("usage_stats"));
                await CreateAsync(options, StatisticsTestData.Records());
                _seeded = options;
            }

            return _seeded;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    protected override async Task<DbContextOptions<UsageDbContext>> EmptyAsync()
    {
        var options = Options(await server.CreateDatabaseAsync("usage_stats"));
        await CreateAsync(options, []);
        return options;
    }

    private static DbContextOptions<UsageDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<UsageDbContext>().UseNpgsql(connectionString).Options;
}
