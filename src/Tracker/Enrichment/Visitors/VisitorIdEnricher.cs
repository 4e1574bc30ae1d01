using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.Visitors;

/// <summary>Sets <c>visitor_id</c> from the day's salt and the full client address (before any privacy reduction).</summary>
internal sealed class VisitorIdEnricher(VisitorSalts salts) : IUsageEnricher
{
    public async ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var item in batch)
        {
            var record = item.Record;
            if (item.Discard || record.RemoteAddr is null)
            {
                continue;
            }
            var salt = await salts.GetAsync(DateOnly.FromDateTime(record.Date), cancellationToken).ConfigureAwait(false);
            if (salt is not null)
            {
                record.VisitorId = VisitorId.Compute(salt, record.ServerName, record.RemoteAddr, record.UserAgent);
            }
        }
    }
}
