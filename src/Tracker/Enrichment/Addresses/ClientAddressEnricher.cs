using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.Addresses;

/// <summary>Sets <c>remote_addr</c> to the client address resolved through trusted proxies; <c>xforwardedfor</c> keeps the raw header.</summary>
internal sealed class ClientAddressEnricher(TrustedProxies trustedProxies) : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var item in batch)
        {
            if (item.Discard || item.PeerAddress is null)
            {
                continue;
            }
            var client = ClientAddressResolver.Resolve(item.PeerAddress, item.Record.XForwardedFor, trustedProxies);
            item.Record.RemoteAddr = client.ToString();
        }
        return ValueTask.CompletedTask;
    }
}
