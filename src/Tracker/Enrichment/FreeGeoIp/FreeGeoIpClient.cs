using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UsageDashboard.Tracker.Enrichment.FreeGeoIp;

/// <summary>
/// Asks a freegeoip-style endpoint about one address, with a per-address answer cache (TTL) and a
/// circuit breaker: after <see cref="FreeGeoIpOptions.FailuresBeforeBreaking"/> consecutive failures
/// no request is sent for <see cref="FreeGeoIpOptions.BreakDuration"/>, then one trial request decides.
/// Never throws: every failure is an absent answer.
/// </summary>
internal sealed partial class FreeGeoIpClient
{
    public const string HttpClientName = "UsageDashboard.Tracker.FreeGeoIp";

    private const int MaxAnswerBytes = 64 * 1024;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<FreeGeoIpOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FreeGeoIpClient> _logger;
    private readonly LruCache<string, (FreeGeoIpAnswer Answer, DateTimeOffset Expires)> _cache;
    private readonly Lock _breakerLock = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;

    public FreeGeoIpClient(
        IHttpClientFactory httpClientFactory, IOptionsMonitor<FreeGeoIpOptions> options, TimeProvider time, ILogger<FreeGeoIpClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _time = time;
        _logger = logger;
        _cache = new(Math.Max(1, options.CurrentValue.CacheSize), StringComparer.Ordinal);
    }

    /// <summary>True while failures keep the endpoint from being called.</summary>
    public bool IsCircuitOpen
    {
        get
        {
            lock (_breakerLock)
            {
                return _time.GetUtcNow() < _openUntil;
            }
        }
    }

    /// <summary>The lookup URL: <c>{ip}</c> replaced by the URL-encoded address, appended when absent.</summary>
    public static Uri BuildUri(string endpoint, string address)
    {
        var encoded = Uri.EscapeDataString(address);
        var url = endpoint.Contains("{ip}", StringComparison.Ordinal)
            ? endpoint.Replace("{ip}", encoded, StringComparison.Ordinal)
            : endpoint.EndsWith('/') || endpoint.EndsWith('=') ? endpoint + encoded : endpoint + "/" + encoded;
        return new Uri(url, UriKind.Absolute);
    }

    public bool TryGetCached(string address, out FreeGeoIpAnswer? answer)
    {
        if (_cache.TryGet(address, out var entry) && entry.Expires > _time.GetUtcNow())
        {
            answer = entry.Answer;
            return true;
        }
        answer = null;
        return false;
    }

    /// <summary>The answer for <paramref name="address"/>, or null on any failure, timeout or open circuit.</summary>
    public async Task<FreeGeoIpAnswer?> LookupAsync(string address, CancellationToken cancellationToken)
    {
        if (TryGetCached(address, out var cached))
        {
            return cached;
        }
        if (IsCircuitOpen || cancellationToken.IsCancellationRequested)
        {
            // Open circuit, or the batch deadline passed before this lookup could start: not a failure of the endpoint.
            return null;
        }

        var options = _options.CurrentValue;
        Uri uri;
        try
        {
            uri = BuildUri(options.Endpoint, address);
        }
        catch (UriFormatException e)
        {
            LogBadEndpoint(_logger, options.Endpoint, e);
            return null;
        }

        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                RecordFailure($"HTTP {(int)response.StatusCode}");
                return null;
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var limited = new MemoryStream();
            await CopyLimitedAsync(body, limited, cancellationToken).ConfigureAwait(false);
            limited.Position = 0;
            using var document = await JsonDocument.ParseAsync(limited, cancellationToken: cancellationToken).ConfigureAwait(false);
            var ipInfo = IpInfo.Serialize(document.RootElement);
            if (ipInfo is null)
            {
                RecordFailure("the answer is not a JSON object");
                return null;
            }
            var answer = new FreeGeoIpAnswer(ipInfo, IpInfo.Map(document.RootElement));
            RecordSuccess();
            _cache.Set(address, (answer, _time.GetUtcNow() + options.CacheDuration));
            return answer;
        }
        catch (OperationCanceledException)
        {
            RecordFailure("timed out");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException or InvalidDataException)
        {
            RecordFailure(e.GetType().Name + ": " + e.Message);
            return null;
        }
    }

    private static async Task CopyLimitedAsync(Stream source, MemoryStream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (destination.Length + read > MaxAnswerBytes)
            {
                throw new InvalidDataException($"The answer is larger than {MaxAnswerBytes} bytes.");
            }
            destination.Write(buffer, 0, read);
        }
    }

    private void RecordSuccess()
    {
        lock (_breakerLock)
        {
            _consecutiveFailures = 0;
        }
    }

    private void RecordFailure(string reason)
    {
        var options = _options.CurrentValue;
        bool opened;
        lock (_breakerLock)
        {
            _consecutiveFailures++;
            opened = _consecutiveFailures >= Math.Max(1, options.FailuresBeforeBreaking);
            if (opened)
            {
                _openUntil = _time.GetUtcNow() + options.BreakDuration;
                _consecutiveFailures = 0;
            }
        }
        LogLookupFailed(_logger, reason);
        if (opened)
        {
            LogCircuitOpened(_logger, options.BreakDuration);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Geo lookup failed: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Geo lookups keep failing; pausing them for {Duration}. Records are stored without remote geo meanwhile.")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "UsageTracking:FreeGeoIp:Endpoint '{Endpoint}' does not make a valid absolute URL.")]
    private static partial void LogBadEndpoint(ILogger logger, string endpoint, Exception exception);
}
