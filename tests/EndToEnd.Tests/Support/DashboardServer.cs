using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageDashboard.Dashboard.Components;
using UsageDashboard.Dashboard.Demo;
using UsageDashboard.TestSupport;

namespace UsageDashboard.EndToEnd.Tests.Support;

/// <summary>
/// The real dashboard app on Kestrel (127.0.0.1, a free port) over its own temporary SQLite file,
/// optionally filled by the demo data seeder first.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly TemporarySqliteFile _database;
    private readonly WebApplicationFactory<App> _factory;

    private DashboardServer(TemporarySqliteFile database, WebApplicationFactory<App> factory, Uri baseAddress)
    {
        _database = database;
        _factory = factory;
        BaseAddress = baseAddress;
    }

    /// <summary>The admin every browser session signs in as.</summary>
    public const string AdminName = "e2e-admin";

    /// <summary>The admin's password.</summary>
    public const string AdminPassword = "e2e-admin-password";

    /// <summary>Where the dashboard listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the dashboard; with <paramref name="demoRecords"/> &gt; 0 seeds that many demo records.</summary>
    public static async Task<DashboardServer> StartAsync(int demoRecords)
    {
        var database = new TemporarySqliteFile("dashboard-e2e");
        var factory = new WebApplicationFactory<App>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Usage", database.ConnectionString);
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
        factory.StartServer();

        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var baseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
        if (demoRecords > 0)
        {
            await DemoDataSeeder.SeedIfEmptyAsync(factory.Services, count: demoRecords);
        }

        return new DashboardServer(database, factory, baseAddress);
    }

    /// <summary>An absolute URL of a dashboard path.</summary>
    public string Url(string path) => new Uri(BaseAddress, path.TrimStart('/')).ToString();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _database.Dispose();
    }
}
