using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment;

/// <summary>
/// One enrichment step run by the background writer over a whole batch before it is stored
/// (user agent, language, client address, geo, visitor id, privacy). Steps run in registration order.
/// A step must never throw for bad input and never lose a record: on failure it leaves fields empty.
/// </summary>
internal interface IUsageEnricher
{
    ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken);
}
