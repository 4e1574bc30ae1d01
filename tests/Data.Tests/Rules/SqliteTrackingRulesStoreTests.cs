using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace UsageDashboard.Data.Tests.Rules;

public sealed class SqliteTrackingRulesStoreTests : TrackingRulesStoreTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.db");
    private ServiceProvider? _services;

    protected override async Task<IDbContextFactory<UsageDbContext>> CreateDatabaseAsync()
    {
        _services = new ServiceCollection()
            .AddDbContextFactory<UsageDbContext>(o => o.UseSqlite($"Data Source={_path}"))
            .BuildServiceProvider();
        var factory = _services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(f);
        }
    }
}
