using System.Net;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.Geo;

/// <summary>Fills country (and region, city, coordinates with a city database) from the local database.</summary>
/// <remarks>
/// A record from the same address as the one before (a page and its assets) takes its location without parsing the
/// address again or asking the locator's cache.
/// </remarks>
internal sealed class OfflineGeoEnricher(OfflineGeoLocatorProvider locators) : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        var locator = locators.Locator;
        if (locator is null)
        {
            return ValueTask.CompletedTask;
        }
        var locations = new PreviousLookup<string, GeoLocation?>(
            remote => IPAddress.TryParse(remote, out var address) ? locator.Lookup(address) : null);
        foreach (var item in batch)
        {
            var remote = item.Record.RemoteAddr;
            if (item.Discard || remote is null)
            {
                continue;
            }
            locations.Get(remote)?.ApplyTo(item.Record);
        }
        return ValueTask.CompletedTask;
    }
}
