using Microsoft.EntityFrameworkCore;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Statistics;

/// <summary>The statistics queries on SQLite files.</summary>
public sealed class SqliteUsageStatisticsTests(SqliteUsageStatisticsTests.Database database)
    : UsageStatisticsTests, IClassFixture<SqliteUsageStatisticsTests.Database>, IDisposable
{
    private readonly List<TemporarySqliteFile> _files = [];

    protected override Task<DbContextOptions<UsageDbContext>> SeededAsync() => database.Seeded.Value;

    protected override async Task<DbContextOptions<UsageDbContext>> EmptyAsync()
    {
        var file = new TemporarySqliteFile("usage-stats");
        _files.Add(file);
        var options = Options(file);
        await CreateAsync(options, []);
        return options;
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    private static DbContextOptions<UsageDbContext> Options(TemporarySqliteFile file) =>
        new DbContextOptionsBuilder<UsageDbContext>().UseSqlite(file.ConnectionString).Options;

    /// <summary>One seeded file shared by the class's tests (they only read).</summary>
    public sealed class Database : IDisposable
    {
        private readonly TemporarySqliteFile _file = new("usage-stats");

        public Database() => Seeded = new(async () =>
        {
            var options = Options(_file);
            await CreateAsync(options, StatisticsTestData.Records());
            return options;
        });

        public Lazy<Task<DbContextOptions<UsageDbContext>>> Seeded { get; }

        public void Dispose() => _file.Dispose();
    }
}
