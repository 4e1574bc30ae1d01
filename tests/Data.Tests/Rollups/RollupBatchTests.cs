using UsageDashboard.Data.Rollups;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Rollups;

public sealed class RollupBatchTests
{
    private static readonly DateTime At = new(2026, 5, 4, 10, 20, 0, DateTimeKind.Utc);

    private static UsageRecord Base() => new()
    {
        Date = At,
        Url = "http://localhost/shop/products/1",
        Path = "/shop/products/1",
        Route = "/shop/products/{id}",
        Blueprint = "shop",
        Status = 200,
        Browser = "Chrome",
        BrowserVersion = "130.0.1",
        Platform = "Windows",
        OsVersion = "10",
        Language = "de",
        CountryCode = "DE",
        City = "Berlin",
        Latitude = 52.5,
        Longitude = 13.375,
        Device = "Other",
        ServerName = "shop-app",
        RemoteAddr = "203.0.113.7",
        VisitorId = "visitor-1",
        Speed = 0.012,
        ContentLength = 100,
        Method = "GET",
    };

    // Each variant differs from the base record in exactly one value the batch keys on.
    private static readonly Action<UsageRecord>[] Changes =
    [
        r => r.Path = "/shop/products/2",
        r => r.Status = 404,
        r => r.Status = 1200,
        r => r.Route = "/shop/cart",
        r => r.Route = null,
        r => r.Browser = "Firefox",
        r => r.Browser = null,
        r => r.BrowserVersion = "131.0",
        r => r.Platform = "Linux",
        r => r.OsVersion = "11",
        r => r.Language = "fr",
        r => r.CountryCode = "FR",
        r => r.City = "Hamburg",
        r => r.Device = "iPhone",
        r => r.Blueprint = "admin",
        r => r.Blueprint = null,
        r => r.ServerName = "api-app",
        r => r.IsBot = true,
        r => r.RemoteAddr = "198.51.100.1",
        r => r.VisitorId = "visitor-2",
        r => r.VisitorId = null,
        r => r.Date = At.AddMinutes(20),
        r => r.Date = At.AddDays(1),
    ];

    // The wide part too: a path met through a second route or route group has an entry of its own there, and a visitor seen
    // in two buckets of a day is one day row.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Records_that_differ_from_the_one_before_in_a_single_value_are_summed_under_their_own_keys(bool wide)
    {
        var part = wide ? RollupBatchPart.Wide : RollupBatchPart.Narrow;
        var records = new List<UsageRecord>();
        var n = 0;
        foreach (var change in Changes)
        {
            // Runs of equal records, so that each record meets the previous one's keys both equal and different.
            for (var i = 0; i < 2; i++)
            {
                records.Add(Numbered(Base(), ++n));
            }

            for (var i = 0; i < 3; i++)
            {
                var variant = Numbered(Base(), ++n);
                change(variant);
                records.Add(variant);
            }
        }

        var together = new RollupBatch(part);
        together.AddRange(records);

        // The oracle: every record in a batch of its own, where nothing is remembered from a record before it.
        var alone = new Dictionary<RollupKey, (long Hits, long Bytes, long Errors)>();
        var aloneLatency = new Dictionary<LatencyKey, (long Count, long SumUs)>();
        foreach (var record in records)
        {
            var batch = new RollupBatch(part);
            batch.Add(record);
            var rows = batch.Expand();
            foreach (var (key, sums) in rows.Counts)
            {
                var (hits, bytes, errors) = alone.GetValueOrDefault(key);
                alone[key] = (hits + sums.Counts.Hits, bytes + sums.Counts.Bytes, errors + sums.Counts.Errors + sums.Counts.ClientErrors);
            }

            foreach (var (key, sums) in rows.Latency)
            {
                var (count, sum) = aloneLatency.GetValueOrDefault(key);
                aloneLatency[key] = (count + sums.Count, sum + sums.SumUs);
            }
        }

        var expanded = together.Expand();

        // Readers know which kinds lag by the wide window from RollupBatch.IsWide: it must name exactly the wide part's.
        Assert.All(expanded.Counts, x => Assert.Equal(wide, RollupBatch.IsWide(x.Key.Kind)));
        Assert.All(expanded.Latency, x => Assert.Equal(wide, RollupBatch.IsWide(x.Key.Kind)));
        Assert.Equal(
            alone.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"),
            expanded.Counts.Select(x => $"{x.Key} {(x.Value.Counts.Hits, x.Value.Counts.Bytes, x.Value.Counts.Errors + x.Value.Counts.ClientErrors)}"));
        Assert.Equal(
            aloneLatency.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"),
            expanded.Latency.Select(x => $"{x.Key} {(x.Value.Count, x.Value.SumUs)}"));
    }

    private static UsageRecord Numbered(UsageRecord record, int n)
    {
        // Distinct sizes and times make a record counted under a wrong key show in the sums.
        record.ContentLength = n * 1000;
        record.Speed = n / 1000.0;
        return record;
    }
}
