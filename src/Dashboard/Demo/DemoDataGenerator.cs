using System.Globalization;
using UsageDashboard.Tracker;
using static UsageDashboard.Dashboard.Demo.DemoCatalog;

namespace UsageDashboard.Dashboard.Demo;

/// <summary>
/// Deterministic, realistic traffic for the HostApp's routes: a daily and weekly rhythm with slight growth,
/// a few thousand returning visitors from many countries, log-normal latencies with slow outliers, 2-5 %
/// server errors, scanners hitting unknown paths and a few crawlers. The same seed, end and count always
/// give the same records.
/// </summary>
internal sealed class DemoDataGenerator(int seed = DemoDataGenerator.DefaultSeed)
{
    public const int DefaultSeed = 20_260_301;

    private const double UnknownPathShareHumans = 0.015;
    private const double UnknownPathShareBots = 0.3;

    /// <summary>Records with dates in <c>[end - span, end)</c>, oldest first.</summary>
    public IEnumerable<UsageRecord> Generate(DateTime end, TimeSpan span, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var visitors = CreateVisitors(random, Math.Max(200, count / 25));
        var visitorWeights = Cumulative(visitors.Select((_, i) => 1 / Math.Pow(i + 1, 0.7)));
        var humanEndpoints = Cumulative(Endpoints.Select(e => e.Weight));
        var botEndpoints = Cumulative(Endpoints.Select(e => e.Route.Contains("{id}", StringComparison.Ordinal) ? e.Weight * 4 : e.Method == "GET" ? e.Weight : 0));
        var times = Timestamps(random, end, span, count);
        var day0 = (long)(end - span - DateTime.UnixEpoch).TotalDays;

        for (var n = 0; n < times.Length; n++)
        {
            var date = DateTime.UnixEpoch.AddMilliseconds(times[n]);
            var visitor = visitors[Pick(random, visitorWeights)];
            var bot = visitor.Client.IsBot;
            var record = new UsageRecord
            {
                Date = date,
                RemoteAddr = visitor.Address,
                UserAgent = visitor.Client.UserAgent,
                Browser = visitor.Client.Browser,
                BrowserVersion = visitor.Client.Version,
                Platform = visitor.Client.Platform,
                OsVersion = visitor.Client.OsVersion,
                Device = visitor.Client.Device,
                IsBot = bot,
                Language = bot ? null : visitor.Language,
                CountryCode = visitor.Place.CountryCode,
                Country = visitor.Place.Country,
                City = visitor.Place.City,
                Latitude = visitor.Place.Latitude,
                Longitude = visitor.Place.Longitude,
                IpInfo = visitor.Place.CountryCode is null
                    ? null
                    : visitor.Place.City is null
                        ? $$"""{"country_code":"{{visitor.Place.CountryCode}}","country":"{{visitor.Place.Country}}"}"""
                        : $$"""{"country_code":"{{visitor.Place.CountryCode}}","country":"{{visitor.Place.Country}}","city":"{{visitor.Place.City}}","latitude":{{Invariant(visitor.Place.Latitude)}},"longitude":{{Invariant(visitor.Place.Longitude)}}}""",
                VisitorId = VisitorId(visitor.Index, (long)(date - DateTime.UnixEpoch).TotalDays - day0),
                UserName = visitor.UserName,
                Authorization = visitor.UserName is not null,
            };

            var unknownShare = bot ? UnknownPathShareBots : UnknownPathShareHumans;
            if (random.NextDouble() < unknownShare)
            {
                FillUnknown(random, record);
            }
            else
            {
                FillEndpoint(random, record, Endpoints[Pick(random, bot ? botEndpoints : humanEndpoints)], date);
            }

            yield return record;
        }
    }

    private static void FillEndpoint(Random random, UsageRecord r, DemoEndpoint e, DateTime date)
    {
        var path = e.Route;
        string? viewArgs = null, urlArgs = null, query = null;
        var id = 0;
        if (e.IdRange > 0)
        {
            // Popular products first: a skewed pick over the catalogue.
            id = 1 + (int)(e.IdRange * Math.Pow(random.NextDouble(), 2.2));
            path = e.Route.Replace("{id}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            viewArgs = $$"""{"id":"{{id}}"}""";
        }
        else if (e.Route.EndsWith("/products", StringComparison.Ordinal) && random.NextDouble() < 0.35)
        {
            var search = random.NextDouble() < 0.5;
            var value = search ? Searches[random.Next(Searches.Length)] : (2 + random.Next(8)).ToString(CultureInfo.InvariantCulture);
            urlArgs = search ? $$"""{"q":"{{value}}"}""" : $$"""{"page":"{{value}}"}""";
            query = search ? "?q=" + value : "?page=" + value;
        }

        var status = Status(random, r, e, id);
        var load = 1 + 0.35 * DailyShape(date); // busier hours are a little slower
        var speedMs = e.MedianMs * Math.Exp(e.Sigma * Normal(random)) * load;
        if (random.NextDouble() < 0.01)
        {
            speedMs *= 5 + random.NextDouble() * 35; // slow outliers: lock waits, cold caches, GC pauses
        }

        if (status >= 500)
        {
            speedMs *= 1.5;
        }

        r.Method = e.Method;
        r.Path = path;
        r.Route = e.Route;
        r.Blueprint = e.Group;
        r.EndpointName = e.EndpointName;
        r.ViewArgs = viewArgs;
        r.UrlArgs = urlArgs;
        r.Status = status;
        r.Speed = Math.Round(speedMs / 1000, 6);
        r.ContentLength = status switch
        {
            304 => 0,
            302 => 0,
            >= 500 => 1_250,
            >= 400 => 180,
            _ => (long)(e.Bytes * Math.Exp(0.15 * Normal(random))),
        };
        r.ServerName = e.App;
        var host = e.App == "ShopApi" ? "api.example.com" : "shop.example.com";
        r.Url = $"https://{host}{path}{query}";
        r.Request = $"{e.Method} {path}{query} HTTP/1.1";
        r.XForwardedFor = e.App == "ShopApi" ? $"{r.RemoteAddr}, 10.0.4.2" : null;
        if (e.Route == "/shop/cart" && random.NextDouble() < 0.5)
        {
            r.TrackVar = random.NextDouble() < 0.5 ? """{"ab_test":"checkout-a"}""" : """{"ab_test":"checkout-b","coupon":true}""";
        }
    }

    private static int Status(Random random, UsageRecord r, DemoEndpoint e, int id)
    {
        if (e.Fails)
        {
            return 500;
        }

        var p = random.NextDouble();
        if (p < 0.012)
        {
            return 500;
        }

        if (p < 0.016)
        {
            return e.App == "ShopApi" ? 503 : 502;
        }

        if (e.Route == "/reports/daily" && r.UserName is null && p < 0.3)
        {
            return 401;
        }

        if (e.IdRange > 0 && id > e.IdRange * 0.95)
        {
            return 404; // discontinued products
        }

        if (e.Method == "POST" && p < 0.05)
        {
            return 400;
        }

        return (e.Method, e.Route) switch
        {
            ("POST", "/shop/cart") => 302,
            ("POST", _) => 201,
            ("GET", "/") when p > 0.97 => 304,
            _ => 200,
        };
    }

    private static void FillUnknown(Random random, UsageRecord r)
    {
        var path = UnknownPaths[random.Next(UnknownPaths.Length)];
        r.Method = random.NextDouble() < 0.9 ? "GET" : "POST";
        r.Path = path;
        r.Route = null;
        r.Blueprint = null;
        r.EndpointName = null;
        r.Status = 404;
        r.Speed = Math.Round(0.0015 * Math.Exp(0.4 * Normal(random)), 6);
        r.ContentLength = 0;
        r.ServerName = "HostApp";
        r.Url = "https://shop.example.com" + path;
        r.Request = $"{r.Method} {path} HTTP/1.1";
    }

    /// <summary>Sorted Unix-millisecond timestamps following the daily and weekly rhythm and a slight growth.</summary>
    private static long[] Timestamps(Random random, DateTime end, TimeSpan span, int count)
    {
        var start = end - span;
        var startMs = (long)(start - DateTime.UnixEpoch).TotalMilliseconds;
        var spanMs = (long)span.TotalMilliseconds;
        var times = new long[count];
        for (var i = 0; i < count;)
        {
            var offset = (long)(random.NextDouble() * spanMs);
            var t = start.AddMilliseconds(offset);
            var weekly = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.62 : 1.0;
            var growth = 0.85 + 0.3 * offset / spanMs;
            var weight = (0.22 + 0.78 * DailyShape(t)) * weekly * growth / 1.15;
            if (random.NextDouble() < weight)
            {
                times[i++] = startMs + offset;
            }
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>0 at 03:00 UTC, 1 at 15:00 UTC (European afternoon, American morning).</summary>
    private static double DailyShape(DateTime t)
    {
        var hour = t.TimeOfDay.TotalHours;
        return 0.5 - 0.5 * Math.Cos((hour - 3) / 24 * 2 * Math.PI);
    }

    private sealed record Visitor(int Index, Place Place, Client Client, string Language, string Address, string? UserName);

    private static Visitor[] CreateVisitors(Random random, int count)
    {
        var places = Cumulative(Places.Select(p => p.Weight));
        var clients = Cumulative(Clients.Select(c => c.Weight));
        var visitors = new Visitor[count];
        for (var i = 0; i < count; i++)
        {
            var place = Places[Pick(random, places)];
            var client = Clients[Pick(random, clients)];
            var language = place.Languages[random.Next(place.Languages.Length)];
            var address = client.IsBot
                ? $"66.249.{64 + random.Next(32)}.{random.Next(1, 255)}"
                : place.CountryCode is null && random.NextDouble() < 0.5
                    ? $"2a0{random.Next(1, 10)}:{random.Next(0x1000, 0xffff):x}:{random.Next(0x100, 0xfff):x}::{random.Next(1, 0xff):x}"
                    : $"{place.Octet}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            var user = !client.IsBot && random.NextDouble() < 0.08 ? UserNames[random.Next(UserNames.Length)] : null;
            visitors[i] = new Visitor(i, place, client, language, address, user);
        }

        return visitors;
    }

    /// <summary>A cookie-less daily visitor id: a new id per visitor and day, as the tracker computes them.</summary>
    private string VisitorId(int visitor, long day)
    {
        var h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)visitor * 0xBF58476D1CE4E5B9UL ^ (ulong)day * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        return h.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            sum += list[i];
            list[i] = sum;
        }

        return list;
    }

    private static int Pick(Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        return Math.Min(index >= 0 ? index + 1 : ~index, cumulative.Length - 1);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Invariant(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
