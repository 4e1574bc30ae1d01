using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageDashboard.Tracker.Buffering;
using UsageDashboard.Tracker.Enrichment;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Buffering;

public sealed class UsageWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryStore_ReceivesEveryRecord_AndHooksRunAfterEachStore()
    {
        var second = new TestUsageStore("second");
        var hook = new RecordingHook();
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            configure: (_, tracking) => tracking.AddStore(second).AddHook(hook));

        for (var i = 0; i < 5; i++)
        {
            await app.GetAsync("/");
        }

        var first = await app.StopAsync();

        Assert.Equal(5, first.Count);
        Assert.Equal(5, second.Records.Count);
        Assert.Equal(first.Select(r => r.Date), second.Records.Select(r => r.Date));
        Assert.Equal(5, hook.Calls.Where(c => c.Store == "test").Sum(c => c.Count));
        Assert.Equal(5, hook.Calls.Where(c => c.Store == "second").Sum(c => c.Count));
        Assert.Equal(10, app.Counters.Stored);
    }

    [Fact]
    public async Task AFullBatch_IsWrittenWithoutWaitingForTheFlushInterval_AndAPartialOneWaits()
    {
        await using var app = await StartAndRequestNumbersAsync(4, batchSize: 3);

        // The first three fill a batch long before the ten minutes are up; the fourth waits for them, or for shutdown.
        Assert.Equal(["/0", "/1", "/2"], (await app.Store.WaitForAsync(3)).Select(r => r.Path));
        Assert.Equal([3], app.Store.BatchSizes);
        Assert.Equal(["/0", "/1", "/2", "/3"], (await app.StopAsync()).Select(r => r.Path));
        Assert.Equal([3, 1], app.Store.BatchSizes);
    }

    [Fact]
    public async Task ThrowingStore_BreaksNeitherRequestsNorOtherStores()
    {
        var broken = new TestUsageStore("broken") { BeforeStore = _ => throw new InvalidOperationException("database down") };
        var healthy = new TestUsageStore("healthy");
        var hook = new RecordingHook();
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            configure: (_, tracking) => tracking.AddStore(broken).AddStore(healthy).AddHook(hook));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("Hello!", await (await app.GetAsync("/")).Content.ReadAsStringAsync(Ct));
        }

        var records = await app.StopAsync();

        Assert.Equal(3, records.Count);
        Assert.Equal(3, healthy.Records.Count);
        Assert.Empty(broken.Records);
        Assert.DoesNotContain(hook.Calls, c => c.Store == "broken");
        Assert.Equal(3, hook.Calls.Where(c => c.Store == "healthy").Sum(c => c.Count));
        Assert.True(app.Counters.StoreFailures >= 1);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("'broken'", StringComparison.Ordinal)
            && e.Exception is InvalidOperationException { Message: "database down" });
    }

    [Fact]
    public async Task StoreFailingForAReasonThatPasses_GetsTheBatchAgain_AndLosesNothing()
    {
        var failures = 0;
        var restarting = new TestUsageStore("restarting")
        {
            BeforeStore = _ => Interlocked.Increment(ref failures) <= 2 ? throw new FakeDbException(transient: true) : Task.CompletedTask,
        };
        await using var app = await StartAndRequestNumbersAsync(3, configure: (_, tracking) => tracking.AddStore(restarting));

        await app.StopAsync();

        Assert.Equal(["/0", "/1", "/2"], restarting.Records.Select(r => r.Path));
        Assert.Equal(0, app.Counters.StoreFailures);
        Assert.Equal(2, app.Counters.StoreRetries);
        Assert.Equal(2, app.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("'restarting'", StringComparison.Ordinal)
            && e.Exception is FakeDbException));
    }

    [Fact]
    public async Task StoreFailingForAReasonThatStays_IsNotTriedAgain()
    {
        var calls = 0;
        var refusing = new TestUsageStore("refusing")
        {
            BeforeStore = _ =>
            {
                Interlocked.Increment(ref calls);
                throw new FakeDbException(transient: false);
            },
        };
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            configure: (_, tracking) => tracking.AddStore(refusing));

        await app.GetAsync("/");
        await app.StopAsync();

        Assert.Equal(1, calls);
        Assert.Empty(refusing.Records);
        Assert.Equal(1, app.Counters.StoreFailures);
        Assert.Equal(0, app.Counters.StoreRetries);
    }

    [Fact]
    public async Task ThrowingHook_IsLoggedAndCounted_AndOtherHooksStillRun()
    {
        var failing = new RecordingHook { BeforeHook = _ => throw new InvalidOperationException("hook failed") };
        var working = new RecordingHook();
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            configure: (_, tracking) => tracking.AddHook(failing).AddHook(working));

        await app.GetAsync("/");
        var records = await app.StopAsync();

        Assert.Single(records);
        Assert.Equal(1, working.Calls.Sum(c => c.Count));
        Assert.Equal(1, app.Counters.HookFailures);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: "hook failed" });
    }

    [Fact]
    public async Task Shutdown_TellsEveryHookOnce_AfterTheLastBatch_EvenWhenAnotherHookFailsThen()
    {
        var failing = new RecordingHook { BeforeFinish = () => throw new InvalidOperationException("finish failed") };
        var working = new RecordingHook();
        await using var app = await StartAndRequestNumbersAsync(5, batchSize: 2, configure: (_, tracking) => tracking.AddHook(failing).AddHook(working));

        Assert.Empty(working.Finishes);
        var records = await app.StopAsync();

        Assert.Equal(5, records.Count);
        Assert.Equal([5], working.Finishes);
        Assert.Equal(1, app.Counters.HookFailures);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: "finish failed" });
    }

    [Fact]
    public async Task Enrichers_RunInOrder_AThrowingOneIsLogged_AndDiscardedRecordsAreNotStored()
    {
        var first = new RecordingEnricher { OnEach = c => c.Record.Browser = "Firefox" };
        var failing = new RecordingEnricher { Throw = new FormatException("bad data") };
        var browsersSeenByThird = new List<string?>();
        var third = new RecordingEnricher
        {
            OnEach = c =>
            {
                lock (browsersSeenByThird)
                {
                    browsersSeenByThird.Add(c.Record.Browser);
                }

                c.Discard = c.Record.Path == "/bot";
            },
        };
        await using var app = await TrackedApp.StartAsync(
            a =>
            {
                a.MapGet("/", () => "Hello!");
                a.MapGet("/bot", () => "beep");
            },
            configure: (builder, _) =>
            {
                builder.Services.AddSingleton<IUsageEnricher>(first);
                builder.Services.AddSingleton<IUsageEnricher>(failing);
                builder.Services.AddSingleton<IUsageEnricher>(third);
            });

        await app.GetAsync("/bot");
        await app.GetAsync("/");
        var records = await app.StopAsync();

        var record = Assert.Single(records);
        Assert.Equal("/", record.Path);
        Assert.Equal("Firefox", record.Browser);
        Assert.Equal(2, failing.Seen.Count);
        Assert.Equal(["Firefox", "Firefox"], browsersSeenByThird);
        var counters = app.Counters;
        Assert.True(counters.EnricherFailures >= 1);
        Assert.Equal(1, counters.Discarded);
        Assert.Equal(1, counters.Stored);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is FormatException);
    }

    [Fact]
    public async Task FullQueue_DropsCountsAndWarns_WithoutSlowingRequests()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = new TestUsageStore("blocking")
        {
            BeforeStore = async _ =>
            {
                entered.TrySetResult();
                await release.Task;
            },
        };
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            new Dictionary<string, string?> { ["UsageTracking:QueueCapacity"] = "2", ["UsageTracking:BatchSize"] = "1" },
            (_, tracking) => tracking.AddStore(blocking));

        await app.GetAsync("/");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("Hello!", await (await app.GetAsync("/")).Content.ReadAsStringAsync(Ct));
        }

        var counters = app.Counters;
        release.SetResult();
        var records = await app.StopAsync();

        Assert.Equal(3, counters.Captured);
        Assert.Equal(3, app.Counters.Dropped);
        Assert.Equal(3, records.Count);
        Assert.Equal(3, blocking.Records.Count);
        var warning = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.EndsWith("UsageQueue", StringComparison.Ordinal));
        Assert.Contains("1 request(s) were not recorded", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_FlushesEverythingQueued_InBatchesOfAtMostBatchSize()
    {
        await using var app = await StartAndRequestNumbersAsync(7, batchSize: 2);

        var records = await app.StopAsync();

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"/{i}"), records.Select(r => r.Path));
        Assert.All(app.Store.BatchSizes, size => Assert.InRange(size, 1, 2));
    }

    [Fact]
    public async Task EachRecord_GetsTheUrlRequestAndQueryOfItsOwnRequest_WhenABatchRepeatsAndAlternatesThem()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/{name}", (string name) => name),
            new Dictionary<string, string?> { ["UsageTracking:FlushInterval"] = "00:10:00" });
        // One connection: the server hands a repeated target the same strings. The lines differ only by the case of the
        // path, by the query, or not at all.
        string[] targets = ["/shop?q=1", "/shop?q=1", "/Shop?q=1", "/shop?q=2", "/shop", "/shop?q=1"];
        foreach (var target in targets)
        {
            await app.GetAsync(target);
        }

        var records = await app.StopAsync();

        var origin = app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.Equal(targets.Select(t => origin + t), records.Select(r => r.Url));
        Assert.Equal(targets.Select(t => $"GET {origin}{t} HTTP/1.1"), records.Select(r => r.Request));
        Assert.Equal(["""{"q":"1"}""", """{"q":"1"}""", """{"q":"1"}""", """{"q":"2"}""", "{}", """{"q":"1"}"""], records.Select(r => r.UrlArgs));
        Assert.Single(app.Store.BatchSizes);
    }

    [Fact]
    public async Task Records_ReachTheStores_WhileRunning()
    {
        await using var app = await TrackedApp.StartAsync(a => a.MapGet("/", () => "Hello!"));

        await app.GetAsync("/");
        await app.GetAsync("/");

        Assert.Equal(2, (await app.Store.WaitForAsync(2)).Count);
    }

    [Fact]
    public async Task Counters_ArePublishedOnTheTrackerMeter()
    {
        await using var app = await TrackedApp.StartAsync(a => a.MapGet("/", () => "Hello!"));
        var meterFactory = app.App.Services.GetRequiredService<IMeterFactory>();
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other tests run hosts in parallel.
            if (instrument.Meter.Name == UsageTrackingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        await app.GetAsync("/");
        await app.GetAsync("/");
        await app.StopAsync();

        lock (measurements)
        {
            Assert.Equal(2, measurements["usage.records.captured"]);
            Assert.Equal(2, measurements["usage.records.stored"]);
        }
    }

    private sealed class FakeDbException(bool transient) : System.Data.Common.DbException(transient ? "the database system is starting up" : "value too long")
    {
        public override bool IsTransient => transient;
    }

    /// <summary>
    /// Starts an app answering <c>/{n}</c> whose writer waits ten minutes for a partial batch (of <paramref name="batchSize"/>
    /// records when given), then requests <c>/0</c>, <c>/1</c> and so on, <paramref name="requests"/> in all, one after another.
    /// </summary>
    private static async Task<TrackedApp> StartAndRequestNumbersAsync(
        int requests,
        int? batchSize = null,
        Action<WebApplicationBuilder, UsageTrackingBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?> { ["UsageTracking:FlushInterval"] = "00:10:00" };
        if (batchSize is int size)
        {
            settings["UsageTracking:BatchSize"] = size.ToString(CultureInfo.InvariantCulture);
        }

        var app = await TrackedApp.StartAsync(a => a.MapGet("/{n}", (int n) => n), settings, configure);
        try
        {
            for (var i = 0; i < requests; i++)
            {
                await app.GetAsync($"/{i}");
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
