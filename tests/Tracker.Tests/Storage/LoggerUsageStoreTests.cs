using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using UsageDashboard.Tracker.Storage;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Storage;

public sealed class LoggerUsageStoreTests
{
    [Fact]
    public async Task EachRecord_IsLoggedAsSnakeCaseJson()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/hello", () => "Hello!"),
            configure: (_, tracking) => tracking.AddLoggerStore());

        await app.GetAsync("/hello");
        await app.StopAsync();

        var entry = Assert.Single(app.Logs.Entries, e => e.Category == typeof(LoggerUsageStore).FullName);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("\"path\":\"/hello\"", entry.Message, StringComparison.Ordinal);
        Assert.Contains("\"status\":200", entry.Message, StringComparison.Ordinal);
        Assert.Contains("\"view_args\":\"{}\"", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transform_ShapesTheLoggedText()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/hello", () => "Hello!"),
            configure: (_, tracking) => tracking.AddLoggerStore(r => $"{r.Method} {r.Path} -> {r.Status}"));

        await app.GetAsync("/hello");
        await app.GetAsync("/missing");
        await app.StopAsync();

        Assert.Equal(
            ["GET /hello -> 200", "GET /missing -> 404"],
            app.Logs.Entries.Where(e => e.Category == typeof(LoggerUsageStore).FullName).Select(e => e.Message));
    }
}
