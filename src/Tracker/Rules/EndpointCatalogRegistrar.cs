using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Rules;
using UsageDashboard.Tracker.Selection;

namespace UsageDashboard.Tracker.Rules;

/// <summary>
/// Registers the application's endpoints in the shared catalog once the app has started (only then
/// is every endpoint mapped). Runs off the startup path: a slow or unreachable database delays nothing
/// and is retried a few times, then logged.
/// </summary>
internal sealed partial class EndpointCatalogRegistrar(
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    TrackingRulesStore store,
    TrackingPolicy policy,
    IOptionsMonitor<UsageTrackingOptions> trackingOptions,
    IOptionsMonitor<UsageTrackingRulesOptions> rulesOptions,
    TimeProvider time,
    ILogger<EndpointCatalogRegistrar> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    private readonly CancellationTokenSource _stopping = new();
    private Task _registration = Task.CompletedTask;

    /// <summary>Completes when the registration after startup finished (or gave up).</summary>
    internal Task Registration => _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (rulesOptions.CurrentValue.RegisterEndpoints)
        {
            var startedAt = time.GetUtcNow().UtcDateTime;
            lifetime.ApplicationStarted.Register(() => _registration = Task.Run(() => RegisterWithRetriesAsync(startedAt, _stopping.Token)));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _registration.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping while registering: nothing to keep.
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Builds the registration from every routable endpoint of the app.</summary>
    internal CatalogRegistration Describe(DateTime startedAt)
    {
        var application = trackingOptions.CurrentValue.ApplicationName ?? "";
        var mode = trackingOptions.CurrentValue.Mode == UsageTrackingMode.Include ? TrackingMode.Include : TrackingMode.Exclude;
        var endpoints = new List<CatalogEndpointInfo>();
        foreach (var source in (EndpointDataSource[])[services.GetRequiredService<EndpointDataSource>()])
        {
            foreach (var endpoint in source.Endpoints)
            {
                if (endpoint is not RouteEndpoint || endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
                {
                    continue;
                }

                var info = policy.Get(endpoint);
                if (info.Route is null)
                {
                    continue;
                }

                endpoints.Add(new CatalogEndpointInfo(info.Group, info.Route, info.Identity.Methods ?? Data.Rules.EndpointIdentity.AnyMethod,
                    info.DisplayName, TrackingPolicy.ToSetting(info.CodeDecision)));
            }
        }

        return new CatalogRegistration(application, mode, endpoints, startedAt);
    }

    private async Task RegisterWithRetriesAsync(DateTime startedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var registration = Describe(startedAt);
                await store.RegisterCatalogAsync(registration, cancellationToken).ConfigureAwait(false);
                LogRegistered(logger, registration.Application, registration.Endpoints.Count);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (attempt >= RetryDelays.Length)
                {
                    LogRegistrationFailed(logger, ex);
                    return;
                }

                try
                {
                    await Task.Delay(RetryDelays[attempt], time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Registered {Count} endpoints of {Application} in the tracking catalog.")]
    private static partial void LogRegistered(ILogger logger, string application, int count);

    [LoggerMessage(2, LogLevel.Error, "Registering the endpoints in the tracking catalog failed; the dashboard will not list this start's endpoints.")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception);
}
