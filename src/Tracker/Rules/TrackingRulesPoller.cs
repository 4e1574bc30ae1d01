using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Rules;
using UsageDashboard.Tracker.Selection;

namespace UsageDashboard.Tracker.Rules;

/// <summary>
/// Keeps this instance's rules current: polls the change counter (one single-row query) every
/// <see cref="UsageTrackingRulesOptions.PollInterval"/> and reloads the application's rules when it moved.
/// When the database cannot be reached the last known rules stay in force; the failure is logged once
/// and the recovery again, not on every poll.
/// </summary>
internal sealed partial class TrackingRulesPoller(
    TrackingRulesStore store,
    RuntimeTrackingRules rules,
    TrackingPolicy policy,
    IOptionsMonitor<UsageTrackingOptions> trackingOptions,
    IOptionsMonitor<UsageTrackingRulesOptions> rulesOptions,
    TimeProvider time,
    ILogger<TrackingRulesPoller> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(rulesOptions.CurrentValue.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Checks the counter once and reloads on change; returns whether new rules were applied.</summary>
    internal async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var current = rules.Current;
            var version = await store.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var changed = false;
            if (version != current.Version)
            {
                var application = trackingOptions.CurrentValue.ApplicationName ?? "";
                var snapshot = await store.LoadSnapshotAsync(application, cancellationToken).ConfigureAwait(false);
                rules.Replace(snapshot, time.GetUtcNow().UtcDateTime);
                policy.Invalidate();
                LogRulesLoaded(logger, application, snapshot.Version, snapshot.Groups.Count, snapshot.Endpoints.Count);
                changed = true;
            }

            if (_failing)
            {
                _failing = false;
                LogRecovered(logger);
            }

            return changed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            if (!_failing)
            {
                _failing = true;
                LogPollFailed(logger, ex);
            }

            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Tracking rules of {Application} loaded at version {Version}: {Groups} group and {Endpoints} endpoint overrides.")]
    private static partial void LogRulesLoaded(ILogger logger, string application, long version, int groups, int endpoints);

    [LoggerMessage(2, LogLevel.Warning, "Reading the tracking rules failed; the last known rules stay in force until the database answers again.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Reading the tracking rules works again.")]
    private static partial void LogRecovered(ILogger logger);
}
