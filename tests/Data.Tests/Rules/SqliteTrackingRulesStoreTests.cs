using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Rules;

public sealed class SqliteTrackingRulesStoreTests : TrackingRulesStoreTests
{
    private readonly TemporarySqliteFile _file = new("rules");
    private ServiceProvider? _services;

    protected override async Task<IDbContextFactory<UsageDbContext>> CreateDatabaseAsync()
    {
        _services = new ServiceCollection()
            .AddDbContextFactory<UsageDbContext>(o => o.UseSqlite(_file.ConnectionString))
            .BuildServiceProvider();
        var factory = _services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _file.Dispose();
    }
}
