using Microsoft.JSInterop;

namespace UsageDashboard.Dashboard.Services;

/// <summary>
/// The browser's IANA time zone, asked once per circuit. Data stays UTC; only display converts.
/// </summary>
internal sealed class DisplayTimeZone(IJSRuntime js)
{
    private string? _browserZone;

    /// <summary>The browser's zone id once known, else null.</summary>
    public string? BrowserZoneId => _browserZone;

    /// <summary>Asks the browser for its zone (once); falls back to UTC when the browser cannot answer.</summary>
    public async Task<string> GetBrowserZoneAsync()
    {
        if (_browserZone is not null)
        {
            return _browserZone;
        }

        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/app.js");
            _browserZone = await module.InvokeAsync<string?>("getTimeZone") ?? "UTC";
        }
        catch (JSException)
        {
            _browserZone = "UTC";
        }
        catch (InvalidOperationException)
        {
            // No JavaScript (prerendering or a test host without interop).
            _browserZone = "UTC";
        }

        if (string.IsNullOrWhiteSpace(_browserZone))
        {
            _browserZone = "UTC";
        }

        return _browserZone;
    }

    /// <summary>The zone named by <paramref name="id"/>, or UTC when unknown.</summary>
    public static TimeZoneInfo Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
