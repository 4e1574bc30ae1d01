using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment.Privacy;

namespace UsageDashboard.Tracker.Enrichment;

/// <summary>Drops requests that sent <c>DNT: 1</c> or <c>Sec-GPC: 1</c> when the operator chose to honour them; runs first so no work is spent on them.</summary>
internal sealed class DoNotTrackEnricher(IOptionsMonitor<PrivacyOptions> options) : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.RespectDoNotTrack)
        {
            foreach (var item in batch)
            {
                if (item.DoNotTrack)
                {
                    item.Discard = true;
                }
            }
        }
        return ValueTask.CompletedTask;
    }
}
