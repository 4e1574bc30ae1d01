using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageDashboard.Dashboard.Components;
using UsageDashboard.Dashboard.Demo;
using UsageDashboard.Data;
using UsageDashboard.Data.Rules;
using UsageDashboard.TestSupport;

namespace UsageDashboard.EndToEnd.Tests.Support;

/// <summary>
/// The real dashboard app on Kestrel (127.0.0.1, a free port) over its own fresh database: a temporary
/// SQLite file, or a new database in the throwaway PostgreSQL cluster. Optionally filled by the demo data
/// seeder first, with the demo applications' endpoints registered for the Rules page.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly TemporarySqliteFile? _sqliteFile;
    private readonly WebApplicationFactory<App> _factory;

    private DashboardServer(UsageStorageProvider provider, TemporarySqliteFile? sqliteFile, WebApplicationFactory<App> factory, Uri baseAddress)
    {
        Provider = provider;
        _sqliteFile = sqliteFile;
        _factory = factory;
        BaseAddress = baseAddress;
    }

    /// <summary>The admin every browser session signs in as.</summary>
    public const string AdminName = "e2e-admin";

    /// <summary>The admin's password.</summary>
    public const string AdminPassword = "e2e-admin-password";

    /// <summary>The database engine behind this dashboard.</summary>
    public UsageStorageProvider Provider { get; }

    /// <summary>Where the dashboard listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts the dashboard on <paramref name="provider"/>; with <paramref name="demoRecords"/> &gt; 0 seeds that
    /// many demo records of the month before <paramref name="demoEnd"/> (the same records for the same end) and
    /// registers the demo applications' endpoints. PostgreSQL databases are created in <paramref name="postgres"/>'s
    /// cluster, which skips the calling test without a server (fails under CI).
    /// </summary>
    public static async Task<DashboardServer> StartAsync(
        UsageStorageProvider provider, int demoRecords, DateTime demoEnd, PostgresServerFixture postgres)
    {
        TemporarySqliteFile? sqliteFile = null;
        string connectionString;
        if (provider == UsageStorageProvider.PostgreSql)
        {
            connectionString = await postgres.CreateDatabaseAsync("dashboard_e2e");
        }
        else
        {
            sqliteFile = new TemporarySqliteFile("dashboard-e2e");
            connectionString = sqliteFile.ConnectionString;
        }

        var factory = new WebApplicationFactory<App>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("UsageTracking:Storage:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:Usage", connectionString);
            builder.UseSetting("Dashboard:Admin:UserName", AdminName);
            builder.UseSetting("Dashboard:Admin:Password", AdminPassword);
            // Every browser session signs in from 127.0.0.1; the login limit is tested on its own.
            builder.UseSetting("Dashboard:LoginAttemptsPerMinute", "10000");
            builder.UseSetting("Dashboard:LoginAttemptsPerUserPerMinute", "10000");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            // The seeder writes through the database store, which the dashboard itself does not need.
            builder.ConfigureServices(services => services.AddUsageDatabaseStore());
        });
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var baseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
            if (demoRecords > 0)
            {
                await DemoDataSeeder.SeedIfEmptyAsync(factory.Services, demoEnd, demoRecords);
                await RegisterDemoApplicationsAsync(factory.Services);
            }

            return new DashboardServer(provider, sqliteFile, factory, baseAddress);
        }
        catch
        {
            await factory.DisposeAsync();
            sqliteFile?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What the demo's host applications would register when they start: their endpoints, so the Rules page
    /// lists them with the demo month's hits.
    /// </summary>
    private static async Task RegisterDemoApplicationsAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<TrackingRulesStore>();
        var now = DateTime.UtcNow;
        foreach (var app in DemoCatalog.Endpoints.GroupBy(e => e.App))
        {
            var endpoints = app
                .Select(e => new CatalogEndpointInfo(e.Group, e.Route, EndpointIdentity.NormalizeMethods([e.Method]), e.EndpointName, TrackingSetting.Default))
                .ToList();
            await store.RegisterCatalogAsync(new CatalogRegistration(app.Key, TrackingMode.Include, endpoints, now));
        }
    }

    /// <summary>An absolute URL of a dashboard path.</summary>
    public string Url(string path) => new Uri(BaseAddress, path.TrimStart('/')).ToString();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _sqliteFile?.Dispose();
    }
}
