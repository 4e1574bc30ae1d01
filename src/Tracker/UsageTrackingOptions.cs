namespace UsageDashboard.Tracker;

/// <summary>
/// Settings of the usage tracker, bound from the <c>UsageTracking</c> configuration section.
/// </summary>
public sealed class UsageTrackingOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "UsageTracking";

    /// <summary>
    /// Whether requests are recorded at all. Default <c>true</c>. Read per request, so a configuration
    /// reload turns tracking on or off without a restart.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The name recorded as <c>server_name</c>, identifying this application in a shared database.
    /// Default: the host's <c>IHostEnvironment.ApplicationName</c>.
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>
    /// <see cref="UsageTrackingMode.Exclude"/> (default): track everything except excluded endpoints and
    /// groups; <see cref="UsageTrackingMode.Include"/>: track only included ones. Any other configured
    /// value fails at startup.
    /// </summary>
    public UsageTrackingMode Mode { get; set; } = UsageTrackingMode.Exclude;

    /// <summary>
    /// How many captured requests may wait for the background writer. Default <c>100000</c>. When the
    /// queue is full, further requests are counted as dropped instead of slowing the host down.
    /// Read once at startup.
    /// </summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>The batch size on SQLite (and with no database store) when none is set.</summary>
    internal const int SqliteBatchSize = 1000;

    /// <summary>The batch size on PostgreSQL when none is set.</summary>
    internal const int PostgreSqlBatchSize = 5000;

    /// <summary>
    /// The largest number of records written to the stores at once. When not set: <c>1000</c> on SQLite and <c>5000</c>
    /// on PostgreSQL. Under load the writer waits for a full batch, and every record waiting is an object the host's
    /// garbage collector must keep and copy: on SQLite, where a batch costs little more than its rows, batches of 1000
    /// keep the host's collection pauses (and so its slowest responses) shorter than batches of 5000. On PostgreSQL every
    /// batch is a COPY statement with a fixed cost of a few milliseconds in the server, which batches of 5000 make small
    /// per record. Under light load the flush interval writes smaller batches sooner.
    /// </summary>
    public int? BatchSize { get; set; }

    /// <summary>
    /// How long the writer waits for a batch to fill before writing what it has. Default 250 ms,
    /// so a record reaches the stores well within a second under light load. A batch that fills
    /// sooner is written as soon as the writer sees it full (it looks every 25 ms).
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
