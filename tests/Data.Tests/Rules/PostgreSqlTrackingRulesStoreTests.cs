using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Rules;

public sealed class PostgreSqlTrackingRulesStoreTests(PostgresServerFixture server) : TrackingRulesStoreTests
{
    private ServiceProvider? _services;

    protected override async Task<IDbContextFactory<UsageDbContext>> CreateDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("rules");
        _services = new ServiceCollection()
            .AddDbContextFactory<UsageDbContext>(o => o.UseNpgsql(connectionString))
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
    }
}
