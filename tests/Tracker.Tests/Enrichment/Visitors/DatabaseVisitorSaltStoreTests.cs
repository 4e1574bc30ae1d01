using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace UsageDashboard.Tracker.Tests.Enrichment.Visitors;

/// <summary>The salts in a real SQLite file, shared by two independent service providers standing for two host instances.</summary>
public sealed class DatabaseVisitorSaltStoreTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"visitor-salts-{Guid.NewGuid():N}.db");

    private ServiceProvider Instance()
    {
        var services = new ServiceCollection()
            .AddDbContextFactory<UsageDbContext>(o => o.UseSqlite($"Data Source={_file};Pooling=false"))
            .BuildServiceProvider();
        using var db = services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContext();
        db.Database.EnsureCreated();
        return services;
    }

    [Fact]
    public async Task Two_instances_get_the_same_salt_for_a_day_and_old_days_are_deleted()
    {
        await using var first = Instance();
        await using var second = Instance();
        var storeA = new DatabaseVisitorSaltStore(first.GetRequiredService<IServiceScopeFactory>());
        var storeB = new DatabaseVisitorSaltStore(second.GetRequiredService<IServiceScopeFactory>());
        var day = new DateOnly(2026, 3, 14);

        var a = await storeA.GetOrCreateAsync(day, TestContext.Current.CancellationToken);
        var b = await storeB.GetOrCreateAsync(day, TestContext.Current.CancellationToken);
        var nextDay = await storeB.GetOrCreateAsync(day.AddDays(1), TestContext.Current.CancellationToken);

        Assert.Equal(32, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, nextDay);

        await storeA.DeleteBeforeAsync(day.AddDays(1), TestContext.Current.CancellationToken);
        await using var scope = first.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var days = await db.Set<VisitorSalt>().Select(s => s.Day).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([day.AddDays(1)], days);
    }

    public void Dispose()
    {
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
