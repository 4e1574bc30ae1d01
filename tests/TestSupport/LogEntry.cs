using Microsoft.Extensions.Logging;

namespace UsageDashboard.TestSupport;

/// <summary>One entry a <see cref="ListLoggerProvider"/> kept.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
