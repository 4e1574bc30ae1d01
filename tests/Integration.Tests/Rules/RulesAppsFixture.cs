using System.Net.Http.Json;
using System.Text.Json;
using HostApp;
using UsageDashboard.Integration.Tests.Hosting;

namespace UsageDashboard.Integration.Tests.Rules;

/// <summary>
/// Two HostApp instances and the Dashboard, each on its own real Kestrel server, on one fresh database:
/// the setting in which an admin's rule change must reach every instance.
/// </summary>
public abstract class RulesAppsFixture : IAsyncDisposable
{
    public const string HostAppName = "HostApp-rules";
    public const string ReadKey = "rules-read-only-key";
    public const string AdminKey = "rules-admin-key";

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly List<IAsyncDisposable> _apps = [];
    private readonly List<HttpClient> _clients = [];
    private string? _provider;
    private string? _connectionString;

    /// <summary>Clients for the two HostApp instances.</summary>
    public IReadOnlyList<HttpClient> HostApps { get; private set; } = [];

    /// <summary>A Dashboard client that sends the admin API key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A Dashboard client that sends the read-only API key.</summary>
    public HttpClient Reader { get; private set; } = null!;

    /// <summary>A Dashboard client without credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The provider name of the shared database.</summary>
    public string Provider => _provider!;

    /// <summary>The connection string of the shared database.</summary>
    public string ConnectionString => _connectionString!;

    private protected abstract Task<(string Provider, string ConnectionString)> CreateDatabaseAsync();

    private protected virtual ValueTask DeleteDatabaseAsync() => ValueTask.CompletedTask;

    public async Task StartAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_provider is not null)
            {
                return;
            }

            (_provider, _connectionString) = await CreateDatabaseAsync();
            var shared = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Usage"] = _connectionString,
                ["UsageTracking:Storage:Provider"] = _provider,
                ["UsageTracking:Storage:MigrateOnStartup"] = "true",
                ["UsageTracking:FlushInterval"] = "00:00:00.100",
                ["Dashboard:ApiKeys:0"] = ReadKey,
                ["Dashboard:AdminApiKeys:0"] = AdminKey,
                ["Logging:LogLevel:Default"] = "Warning",
            };

            var hostApps = new List<HttpClient>();
            for (var i = 0; i < 2; i++)
            {
                var app = new KestrelAppFactory<HostAppMarker>(new Dictionary<string, string?>(shared) { ["UsageTracking:ApplicationName"] = HostAppName });
                _apps.Add(app);
                hostApps.Add(Track(app.Start()));
            }

            HostApps = hostApps;
            var dashboard = new KestrelAppFactory<Program>(new Dictionary<string, string?>(shared) { ["UsageTracking:ApplicationName"] = "Dashboard-rules" });
            _apps.Add(dashboard);
            Anonymous = Track(dashboard.Start());
            Admin = Track(new HttpClient { BaseAddress = Anonymous.BaseAddress });
            Admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            Reader = Track(new HttpClient { BaseAddress = Anonymous.BaseAddress });
            Reader.DefaultRequestHeaders.Add("X-Api-Key", ReadKey);
            await WaitForCatalogAsync();
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>Waits until HostApp has registered its endpoints (it does so right after it started).</summary>
    private async Task WaitForCatalogAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var doc = JsonDocument.Parse(await Reader.GetStringAsync("/api/rules"));
            if (doc.RootElement.GetProperty("applications").EnumerateArray().Any(a => a.GetProperty("name").GetString() == HostAppName))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("HostApp did not register its endpoints within 30 s.");
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var app in _apps)
        {
            try
            {
                await app.DisposeAsync();
            }
            catch (Exception ex)
            {
                // The test runner reports a fixture's cleanup failure by exception type only; print the whole of it.
                await Console.Error.WriteLineAsync($"Stopping {app.GetType().Name} failed: {ex}");
                throw;
            }
        }

        await DeleteDatabaseAsync();
        _startLock.Dispose();
        GC.SuppressFinalize(this);
    }
}
