using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment.UserAgents;

namespace UsageDashboard.Tracker.Enrichment.Bots;

/// <summary>Flags crawlers as <c>is_bot</c>, and drops them when <see cref="BotOptions.Record"/> is false.</summary>
internal sealed class BotEnricher(UserAgentParser parser, IOptionsMonitor<BotOptions> options) : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        var record = options.CurrentValue.Record;
        var agents = new PreviousLookup<string, DescribedUserAgent>(parser.Describe);
        foreach (var item in batch)
        {
            var agent = item.Record.UserAgent;
            if (item.Discard || string.IsNullOrEmpty(agent))
            {
                continue;
            }
            // The description is cached, so the user-agent step that follows gets it for free.
            item.Record.IsBot = agents.Get(agent).IsBot;
            if (item.Record.IsBot && !record)
            {
                item.Discard = true;
            }
        }
        return ValueTask.CompletedTask;
    }
}
