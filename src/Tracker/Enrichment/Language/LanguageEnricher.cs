using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.Language;

/// <summary>Sets <c>user_agent.language</c> to the preferred language of the Accept-Language header.</summary>
internal sealed class LanguageEnricher : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var item in batch)
        {
            if (item.Discard || item.AcceptLanguage is null)
            {
                continue;
            }
            if (AcceptLanguageParser.Preferred(item.AcceptLanguage) is { } language)
            {
                item.Record.Language = language.Length > UsageRecordLimits.Short ? language[..UsageRecordLimits.Short] : language;
            }
        }
        return ValueTask.CompletedTask;
    }
}
