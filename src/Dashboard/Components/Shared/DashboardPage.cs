using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Dashboard.Services;

namespace UsageDashboard.Dashboard.Components.Shared;

/// <summary>
/// Base of every dashboard page: reads the filter from the URL, reloads when the URL changes, cancels a
/// load that a newer one overtook, shows loading and error states, and optionally refreshes live
/// (Blazor Server pushes the new numbers; the page never reloads).
/// </summary>
public abstract class DashboardPage : ComponentBase, IDisposable
{
    /// <summary>The live refresh interval.</summary>
    internal static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(5);

    private CancellationTokenSource? _loadCts;
    private CancellationTokenSource? _liveCts;
    private string? _loadedUri;
    private bool _disposed;

    [Inject]
    internal NavigationManager Navigation { get; set; } = default!;

    [Inject]
    internal IUsageStatistics Statistics { get; set; } = default!;

    [Inject]
    internal DisplayTimeZone TimeZones { get; set; } = default!;

    [Inject]
    internal TimeProvider Clock { get; set; } = default!;

    /// <summary>The global filter, as in the URL.</summary>
    internal DashboardFilter Filter { get; private set; } = DashboardFilter.Default;

    /// <summary>The display time zone.</summary>
    internal TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The statistics filter of the current load.</summary>
    internal UsageFilter Usage { get; private set; } = UsageFilter.Last(TimeSpan.FromDays(1), DateTime.UtcNow);

    /// <summary>True until the first load finished.</summary>
    internal bool Loading { get; private set; } = true;

    /// <summary>True while a reload (after the first) runs.</summary>
    internal bool Refreshing { get; private set; }

    /// <summary>Whether the database holds no record at all: pages show setup guidance instead.</summary>
    internal bool DatabaseEmpty { get; private set; }

    /// <summary>The message of a failed load, else null.</summary>
    internal string? Error { get; private set; }

    /// <summary>Whether live refresh is on.</summary>
    internal bool Live { get; private set; }

    /// <summary>When the data shown was loaded (UTC).</summary>
    internal DateTime LoadedAt { get; private set; }

    /// <summary>Loads the page's data for <see cref="Usage"/>; runs on the renderer's context.</summary>
    private protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        await ReloadAsync();
    }

    /// <summary>The value of a page-specific query parameter, null when absent or blank.</summary>
    internal string? QueryValue(string key) =>
        DashboardFilter.QueryOf(Navigation.Uri).TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value.ToString())
            ? value.ToString()
            : null;

    /// <summary>A link to <paramref name="path"/> keeping the global filter and adding <paramref name="extra"/>.</summary>
    internal string Link(string path, params (string Key, string? Value)[] extra) => DashboardLinks.Build(path, Filter, extra);

    /// <summary>Navigates to the current page with some query parameters replaced (null removes one).</summary>
    internal void SetQuery(params (string Key, string? Value)[] values) =>
        Navigation.NavigateTo(DashboardLinks.WithQuery(Navigation.Uri, values));

    /// <summary>Loads again now (e.g. after a page-local control changed).</summary>
    internal Task ReloadAsync() => ReloadAsync(showSpinner: true);

    /// <summary>Turns live refresh on or off.</summary>
    internal void SetLive(bool live)
    {
        Live = live;
        _liveCts?.Cancel();
        _liveCts?.Dispose();
        _liveCts = null;
        if (live)
        {
            _liveCts = new CancellationTokenSource();
            _ = RunLiveAsync(_liveCts.Token);
        }
    }

    private async Task RunLiveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LiveInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() => ReloadAsync(showSpinner: false));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReloadAsync(bool showSpinner)
    {
        if (_disposed)
        {
            return;
        }

        _loadCts?.Cancel();
        _loadCts?.Dispose();
        var cts = new CancellationTokenSource();
        _loadCts = cts;

        var uri = Navigation.Uri;
        _loadedUri = uri;
        Filter = DashboardFilter.Parse(uri);
        Zone = DisplayTimeZone.Find(Filter.TimeZone ?? await TimeZones.GetBrowserZoneAsync());
        Usage = Filter.ToUsageFilter(Clock.GetUtcNow().UtcDateTime, Zone);
        Refreshing = showSpinner && !Loading;
        if (showSpinner)
        {
            StateHasChanged();
        }

        try
        {
            DatabaseEmpty = !await Statistics.HasRecordsAsync(cts.Token);
            if (!DatabaseEmpty)
            {
                await LoadAsync(cts.Token);
            }

            Error = null;
            LoadedAt = Clock.GetUtcNow().UtcDateTime;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // A newer load (or disposal) took over.
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Error = ex.Message;
        }

        if (ReferenceEquals(_loadCts, cts))
        {
            Loading = false;
            Refreshing = false;
            StateHasChanged();
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        // Only a change of this page's query reloads; leaving the page disposes it.
        if (_disposed || e.Location == _loadedUri || !SamePath(e.Location, _loadedUri))
        {
            return;
        }

        _ = InvokeAsync(() => ReloadAsync(showSpinner: true));
    }

    private static bool SamePath(string a, string? b)
    {
        if (b is null)
        {
            return false;
        }

        static string PathOf(string uri)
        {
            var end = uri.IndexOfAny(['?', '#']);
            return end < 0 ? uri : uri[..end];
        }

        return string.Equals(PathOf(a), PathOf(b), StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops loads, live refresh and URL tracking.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Navigation.LocationChanged -= OnLocationChanged;
        _loadCts?.Cancel();
        _loadCts?.Dispose();
        _liveCts?.Cancel();
        _liveCts?.Dispose();
    }
}
