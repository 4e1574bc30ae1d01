using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsageDashboard.Data.Storage;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests;

public sealed class UsageDatabaseServiceCollectionExtensionsTests
{
    [Fact]
    public void Registering_twice_adds_one_store_one_reader_and_one_migrator()
    {
        using var file = new TemporarySqliteFile();
        using var host = UsageDatabaseHost.Build(UsageDatabaseHost.Settings(UsageStorageProvider.Sqlite, file.ConnectionString), services: services =>
        {
            services.AddUsageDatabaseStore();
            services.AddUsageDatabase();
            services.AddUsageDatabaseStore();
        });

        Assert.IsType<DatabaseUsageStore>(Assert.Single(host.Services.GetServices<IUsageStore>()));
        Assert.Single(host.Services.GetServices<IUsageReader>());
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "UsageDatabaseMigrator");
    }

    [Fact]
    public void AddUsageDatabase_alone_registers_no_store()
    {
        var services = new ServiceCollection();
        services.AddUsageDatabase();

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IUsageStore));
        Assert.Contains(services, d => d.ServiceType == typeof(IUsageReader));
        Assert.Contains(services, d => d.ServiceType == typeof(IDbContextFactory<UsageDbContext>));
    }

    [Fact]
    public async Task The_context_factory_uses_the_configured_provider_and_its_migrations_assembly()
    {
        using var file = new TemporarySqliteFile();
        using var sqliteHost = UsageDatabaseHost.Build(UsageDatabaseHost.Settings(UsageStorageProvider.Sqlite, file.ConnectionString));
        using var pgHost = UsageDatabaseHost.Build(UsageDatabaseHost.Settings(UsageStorageProvider.PostgreSql, "Host=127.0.0.1;Database=x", migrate: false));

        await using var sqlite = await sqliteHost.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using var pg = await pgHost.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        Assert.True(sqlite.Database.IsSqlite());
        Assert.True(pg.Database.IsNpgsql());
        Assert.Contains(sqlite.Database.GetMigrations(), m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Contains(pg.Database.GetMigrations(), m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Equal("UsageDashboard.Data.Migrations.Sqlite", sqlite.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Assembly.GetName().Name);
        Assert.Equal("UsageDashboard.Data.Migrations.PostgreSql", pg.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Assembly.GetName().Name);
    }

    [Fact]
    public async Task Starting_on_sqlite_creates_the_file_and_its_directory()
    {
        var root = Directory.CreateTempSubdirectory("usage-root-").FullName;
        try
        {
            using var host = UsageDatabaseHost.Build(new() { ["ConnectionStrings:Usage"] = "Data Source=nested/dir/usage.db;Pooling=False" }, root);
            await host.StartAsync(TestContext.Current.CancellationToken);
            await host.StopAsync(TestContext.Current.CancellationToken);

            Assert.True(File.Exists(Path.Combine(root, "nested", "dir", "usage.db")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_bare_service_collection_without_host_or_configuration_works_from_code()
    {
        using var file = new TemporarySqliteFile();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddUsageDatabaseStore();
        services.AddUsageDatabase(o => o.ConnectionString = file.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(TestContext.Current.CancellationToken);
        }

        await provider.GetServices<IUsageStore>().Single().StoreAsync([Storage.UsageRecords.Full()], TestContext.Current.CancellationToken);
        Assert.Single(await provider.GetRequiredService<IUsageReader>().GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, cancellationToken: TestContext.Current.CancellationToken));
    }
}
