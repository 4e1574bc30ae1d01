using System.Net;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment.Geo;

namespace UsageDashboard.Tracker.Enrichment.FreeGeoIp;

/// <summary>
/// The original's remote lookup, moved off the request path: one lookup per distinct public address
/// in the batch, concurrently, all bounded by one timeout. Whatever has not answered by then is
/// stored without remote geo; no record is ever held back or dropped.
/// </summary>
internal sealed class FreeGeoIpEnricher(FreeGeoIpClient client, IOptionsMonitor<FreeGeoIpOptions> options) : IUsageEnricher
{
    public async ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return;
        }

        var answers = new Dictionary<string, FreeGeoIpAnswer?>(StringComparer.Ordinal);
        var pending = new List<string>();
        foreach (var item in batch)
        {
            var address = item.Record.RemoteAddr;
            if (item.Discard || address is null || answers.ContainsKey(address)
                || !IPAddress.TryParse(address, out var parsed) || !IpAddressClassifier.IsPublic(parsed))
            {
                continue;
            }
            if (client.TryGetCached(address, out var cached))
            {
                answers[address] = cached;
            }
            else
            {
                answers[address] = null;
                pending.Add(address);
            }
        }

        if (pending.Count > 0)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxConcurrency) },
                async (address, _) =>
                {
                    // The client observes the timeout itself and never throws; a lookup that starts after
                    // the deadline returns at once.
                    var answer = await client.LookupAsync(address, timeout.Token).ConfigureAwait(false);
                    lock (answers)
                    {
                        answers[address] = answer;
                    }
                }).ConfigureAwait(false);
        }

        foreach (var item in batch)
        {
            if (item.Record.RemoteAddr is { } address && answers.TryGetValue(address, out var answer) && answer is not null)
            {
                item.Record.IpInfo = answer.IpInfo;
                answer.Location?.ApplyTo(item.Record);
            }
        }
    }
}
