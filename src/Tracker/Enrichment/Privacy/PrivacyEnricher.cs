using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace UsageDashboard.Tracker.Enrichment.Privacy;

/// <summary>
/// The last step: reduces <c>remote_addr</c> and every hop of <c>xforwardedfor</c>, and removes the
/// address from a remote lookup's <c>ip_info</c>, after geo and visitor id have used the full address.
/// </summary>
internal sealed class PrivacyEnricher(IOptionsMonitor<PrivacyOptions> options, VisitorSalts salts) : IUsageEnricher
{
    public async ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        var mode = options.CurrentValue.IpAddress;
        if (mode == IpAddressPrivacy.Full)
        {
            return;
        }
        foreach (var item in batch)
        {
            var record = item.Record;
            if (item.Discard)
            {
                continue;
            }
            var salt = mode == IpAddressPrivacy.Hashed
                ? await salts.GetAsync(DateOnly.FromDateTime(record.Date), cancellationToken).ConfigureAwait(false)
                : null;
            var original = record.RemoteAddr;
            record.RemoteAddr = AddressReducer.Reduce(original, mode, salt);
            record.XForwardedFor = AddressReducer.ReduceList(record.XForwardedFor, mode, salt);
            if (original is not null && record.IpInfo is not null)
            {
                record.IpInfo = WithoutAddress(record.IpInfo, original);
            }
        }
    }

    /// <summary>Drops the fields of a lookup answer that repeat the address (<c>query</c>, <c>ip</c>...).</summary>
    private static string? WithoutAddress(string ipInfo, string address)
    {
        try
        {
            if (JsonNode.Parse(ipInfo) is not JsonObject json)
            {
                return null;
            }
            foreach (var key in json.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s == address).Select(p => p.Key).ToList())
            {
                json.Remove(key);
            }
            return json.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
