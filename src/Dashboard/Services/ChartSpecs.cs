using UsageDashboard.Dashboard.Components.Charts;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Services;

/// <summary>The chart specs shared by several pages, built from statistics results.</summary>
internal static class ChartSpecs
{
    /// <summary>Stacked requests per status class over time, classes that never occur left out.</summary>
    public static ChartSpec StatusOverTime(IReadOnlyList<StatusClassPoint> points, TimeZoneInfo zone, int height = 300)
    {
        var classes = new (int Class, Func<StatusClassPoint, long> Value)[]
        {
            (2, p => p.Success),
            (3, p => p.Redirection),
            (4, p => p.ClientError),
            (5, p => p.ServerError),
            (1, p => p.Informational),
            (0, p => p.Other),
        };
        var series = classes
            .Where(c => points.Any(p => c.Value(p) > 0))
            .Select(c => new ChartSeries(StatusClasses.Label(c.Class), points.Select(p => (double?)c.Value(p)).ToArray())
            {
                Color = StatusClasses.Color(c.Class),
            })
            .ToArray();
        if (series.Length == 0)
        {
            series = [new ChartSeries("2xx", points.Select(_ => (double?)0).ToArray()) { Color = StatusClasses.Color(2) }];
        }

        return new ChartSpec
        {
            Kind = ChartKind.Bar,
            Stacked = true,
            Series = series,
            Timestamps = Local(points.Select(p => p.Start), zone),
            Axes = [new ChartAxis("Requests")],
            Height = height,
        };
    }

    /// <summary>Request share per status class as a donut.</summary>
    public static ChartSpec StatusDonut(IReadOnlyList<StatusClassCount> classes, int height = 300) => new()
    {
        Kind = ChartKind.Donut,
        Series = classes.Select(c => new ChartSeries(c.Label, [c.Requests]) { Color = StatusClasses.Color(c.StatusClass) }).ToArray(),
        Height = height,
    };

    /// <summary>A donut of the biggest <paramref name="max"/> entries, the rest folded into "Other".</summary>
    public static ChartSpec Donut(IEnumerable<(string Name, long Requests)> items, int max = 6, int height = 280)
    {
        var list = items.ToList();
        var top = list.Take(max).Select(i => new ChartSeries(i.Name, [i.Requests])).ToList();
        var rest = list.Skip(max).Sum(i => i.Requests);
        if (rest > 0)
        {
            top.Add(new ChartSeries("Other", [rest]) { Color = "#94a3b8" });
        }

        return new ChartSpec { Kind = ChartKind.Donut, Series = top, Height = height };
    }

    /// <summary>UTC bucket starts shifted into the display zone.</summary>
    public static DateTime[] Local(IEnumerable<DateTime> utc, TimeZoneInfo zone) =>
        utc.Select(t => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone)).ToArray();
}
