using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace UsageDashboard.Tracker.Tests.Enrichment.Visitors;

public sealed class VisitorIdEnricherTests
{
    private const string Firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0";
    private static readonly DateTime Day1 = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private static VisitorSalts Salts(IVisitorSaltStore store) =>
        new(store, new FakeTimeProvider(), NullLogger<VisitorSalts>.Instance);

    [Fact]
    public async Task The_same_visitor_has_one_id_per_day_on_every_instance()
    {
        var store = new InMemoryVisitorSaltStore();
        var morning = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1);
        var evening = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1.AddHours(12));

        // Two instances sharing one salt store.
        await new VisitorIdEnricher(Salts(store)).EnrichAsync([morning], TestContext.Current.CancellationToken);
        await new VisitorIdEnricher(Salts(store)).EnrichAsync([evening], TestContext.Current.CancellationToken);

        Assert.NotNull(morning.Record.VisitorId);
        Assert.Equal(32, morning.Record.VisitorId!.Length);
        Assert.Equal(morning.Record.VisitorId, evening.Record.VisitorId);
    }

    [Fact]
    public async Task Address_agent_application_and_day_each_change_the_id()
    {
        var salts = Salts(new InMemoryVisitorSaltStore());
        var baseline = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1);
        var otherAddress = Batch.Request(peer: "8.8.4.4", userAgent: Firefox, date: Day1);
        var otherAgent = Batch.Request(peer: "8.8.8.8", userAgent: "curl/8.5.0", date: Day1);
        var otherApp = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1, application: "Shop");
        var nextDay = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1.AddDays(1));

        await new VisitorIdEnricher(salts).EnrichAsync([baseline, otherAddress, otherAgent, otherApp, nextDay], TestContext.Current.CancellationToken);

        var ids = new[] { baseline, otherAddress, otherAgent, otherApp, nextDay }.Select(r => r.Record.VisitorId).ToList();
        Assert.All(ids, Assert.NotNull);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_remembered_id_equals_a_fresh_one_and_a_new_day_gets_a_new_id()
    {
        var salts = Salts(new InMemoryVisitorSaltStore());
        var enricher = new VisitorIdEnricher(salts);
        var first = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1);
        var again = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1.AddMinutes(5));
        var nextDay = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1.AddDays(1));
        var fresh = Batch.Request(peer: "8.8.8.8", userAgent: Firefox, date: Day1.AddDays(1));

        await enricher.EnrichAsync([first], TestContext.Current.CancellationToken);
        await enricher.EnrichAsync([again, nextDay], TestContext.Current.CancellationToken);
        await new VisitorIdEnricher(salts).EnrichAsync([fresh], TestContext.Current.CancellationToken);

        Assert.Equal(first.Record.VisitorId, again.Record.VisitorId);
        Assert.NotEqual(first.Record.VisitorId, nextDay.Record.VisitorId);
        Assert.Equal(fresh.Record.VisitorId, nextDay.Record.VisitorId);
    }

    [Fact]
    public async Task Salts_older_than_two_days_are_deleted_when_a_new_day_starts()
    {
        var store = new InMemoryVisitorSaltStore();
        var salts = Salts(store);
        var enricher = new VisitorIdEnricher(salts);
        var day1 = DateOnly.FromDateTime(Day1);

        await enricher.EnrichAsync([Batch.Request(date: Day1)], TestContext.Current.CancellationToken);
        await enricher.EnrichAsync([Batch.Request(date: Day1.AddDays(1))], TestContext.Current.CancellationToken);
        Assert.Equal([day1, day1.AddDays(1)], store.Days.Order());

        await enricher.EnrichAsync([Batch.Request(date: Day1.AddDays(2))], TestContext.Current.CancellationToken);
        Assert.Equal([day1.AddDays(1), day1.AddDays(2)], store.Days.Order());
    }

    [Fact]
    public async Task A_failing_store_leaves_the_id_empty_and_keeps_the_record()
    {
        var request = Batch.Request(peer: "8.8.8.8", userAgent: Firefox);
        await new VisitorIdEnricher(Salts(new FailingStore())).EnrichAsync([request], TestContext.Current.CancellationToken);
        Assert.Null(request.Record.VisitorId);
        Assert.False(request.Discard);
    }

    private sealed class FailingStore : IVisitorSaltStore
    {
        public Task<byte[]> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database down");

        public Task DeleteBeforeAsync(DateOnly day, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database down");
    }
}
