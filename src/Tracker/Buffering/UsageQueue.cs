using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Buffering;

/// <summary>
/// The bounded hand-off between requests and the background writer. Requests only ever call
/// <see cref="TryEnqueue"/>, which never blocks: a full queue drops the record, counts it and logs a
/// warning at most every <see cref="WarningInterval"/>.
/// </summary>
internal sealed partial class UsageQueue
{
    public static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<CapturedRequest> _channel;
    private readonly UsageTrackingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<UsageQueue> _logger;
    private long _droppedSinceWarning;
    private long _nextWarningTimestamp;

    public UsageQueue(IOptions<UsageTrackingOptions> options, UsageTrackingMetrics metrics, TimeProvider time, ILogger<UsageQueue> logger)
    {
        Capacity = options.Value.QueueCapacity;
        _channel = Channel.CreateBounded<CapturedRequest>(new BoundedChannelOptions(Capacity)
        {
            // With Wait, TryWrite fails fast on a full queue; nothing on the request path ever waits.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public int Capacity { get; }

    public ChannelReader<CapturedRequest> Reader => _channel.Reader;

    /// <summary>Records waiting for the writer.</summary>
    public int Count => _channel.Reader.Count;

    public bool TryEnqueue(CapturedRequest request)
    {
        if (_channel.Writer.TryWrite(request))
        {
            _metrics.Captured();
            return true;
        }

        _metrics.Dropped();
        Interlocked.Increment(ref _droppedSinceWarning);
        WarnIfDue();
        return false;
    }

    /// <summary>Accepts no more records; the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void WarnIfDue()
    {
        var now = _time.GetTimestamp();
        var next = Interlocked.Read(ref _nextWarningTimestamp);
        if (now < next)
        {
            return;
        }

        var due = now + (long)(WarningInterval.TotalSeconds * _time.TimestampFrequency);
        if (Interlocked.CompareExchange(ref _nextWarningTimestamp, due, next) != next)
        {
            return;
        }

        LogDropped(_logger, Interlocked.Exchange(ref _droppedSinceWarning, 0), Capacity);
    }

    [LoggerMessage(1, LogLevel.Warning,
        "Usage queue full: {Dropped} request(s) were not recorded since the last warning (capacity {Capacity}). " +
        "The stores are slower than the traffic; raise UsageTracking:QueueCapacity or check the stores.")]
    private static partial void LogDropped(ILogger logger, long dropped, int capacity);
}
