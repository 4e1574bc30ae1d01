using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.Language;

/// <summary>Sets <c>user_agent.language</c> to the preferred language of the Accept-Language header.</summary>
/// <remarks>
/// Browsers send a few distinct headers (one per configured language list), so the language of each is kept in a
/// bounded cache: parsing one splits, trims and re-cases every tag, a microsecond or more per record.
/// </remarks>
internal sealed class LanguageEnricher : IUsageEnricher
{
    private const int RecentHeaders = 1_000;

    /// <summary>Browsers' headers are far shorter; longer ones are parsed every time rather than held.</summary>
    private const int LongestCachedHeader = 256;

    private readonly LruCache<string, string?> _languages = new(RecentHeaders, StringComparer.Ordinal);

    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        var languages = new PreviousLookup<string, string?>(LanguageOf);
        foreach (var item in batch)
        {
            var header = item.AcceptLanguage;
            if (item.Discard || header is null)
            {
                continue;
            }
            if (languages.Get(header) is { } language)
            {
                item.Record.Language = language;
            }
        }
        return ValueTask.CompletedTask;
    }

    private string? LanguageOf(string header) =>
        header.Length <= LongestCachedHeader ? _languages.GetOrAdd(header, Preferred) : Preferred(header);

    private static string? Preferred(string header) => TextLimit.Truncate(AcceptLanguageParser.Preferred(header), UsageRecordLimits.Short);
}
