using HostApp;
using UsageDashboard.Integration.Tests.Hosting;

namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>
/// HostApp and the Dashboard, each on its own real Kestrel server, both pointed at one fresh database
/// through the same configuration keys. Started on first use (so that a test, not the fixture, reports
/// a database that cannot be created) and shared by the tests of one class.
/// </summary>
public abstract class SharedAppsFixture : IAsyncDisposable
{
    /// <summary>HostApp's <c>UsageTracking:ApplicationName</c>, recorded as <c>server_name</c>.</summary>
    public const string HostAppName = "HostApp-integration";

    /// <summary>A read-only API key, for a Dashboard that requires one.</summary>
    public const string ApiKey = "integration-read-only-key";

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private KestrelAppFactory<HostAppMarker>? _hostApp;
    private KestrelAppFactory<Program>? _dashboard;
    private HttpClient? _hostAppClient;
    private HttpClient? _dashboardClient;

    /// <summary>A client for HostApp's real address.</summary>
    public HttpClient HostApp => _hostAppClient ?? throw new InvalidOperationException("call StartAsync first");

    /// <summary>A client for the Dashboard's real address.</summary>
    public HttpClient Dashboard => _dashboardClient ?? throw new InvalidOperationException("call StartAsync first");

    /// <summary>Creates the database both apps share.</summary>
    private protected abstract Task<UsageDatabase> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> created, after both apps stopped.</summary>
    private protected virtual ValueTask DeleteDatabaseAsync() => ValueTask.CompletedTask;

    /// <summary>Starts both apps once.</summary>
    public async Task StartAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_dashboardClient is not null)
            {
                return;
            }

            var database = await CreateDatabaseAsync();
            var shared = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Usage"] = database.ConnectionString,
                ["UsageTracking:Storage:Provider"] = database.Provider,
                ["UsageTracking:Storage:MigrateOnStartup"] = "true",
                ["Dashboard:ApiKeys:0"] = ApiKey,
                ["Logging:LogLevel:Default"] = "Warning",
            };

            // HostApp first: it creates the schema; the Dashboard then finds it in place.
            _hostApp = new KestrelAppFactory<HostAppMarker>(
                new Dictionary<string, string?>(shared) { ["UsageTracking:ApplicationName"] = HostAppName });
            _hostAppClient = _hostApp.Start();

            _dashboard = new KestrelAppFactory<Program>(
                new Dictionary<string, string?>(shared) { ["UsageTracking:ApplicationName"] = "Dashboard-integration" });
            _dashboardClient = _dashboard.Start();
            _dashboardClient.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _hostAppClient?.Dispose();
        _dashboardClient?.Dispose();
        if (_hostApp is not null)
        {
            await _hostApp.DisposeAsync();
        }

        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        await DeleteDatabaseAsync();
        _startLock.Dispose();
        GC.SuppressFinalize(this);
    }
}
