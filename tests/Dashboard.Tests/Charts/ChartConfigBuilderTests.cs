using UsageDashboard.Dashboard.Components.Charts;

namespace UsageDashboard.Dashboard.Tests.Charts;

public sealed class ChartConfigBuilderTests
{
    [Fact]
    public void Time_series_with_two_axes_map_each_series_to_its_axis_and_format()
    {
        var spec = new ChartSpec
        {
            Kind = ChartKind.Bar,
            Timestamps = [new DateTime(2026, 11, 25, 13, 0, 0)],
            Series = [new ChartSeries("Requests", [10]), new ChartSeries("p95", [250.5]) { Kind = ChartKind.Line, Axis = 1 }],
            Axes = [new ChartAxis("Requests"), new ChartAxis("p95", ValueFormat.Milliseconds) { Opposite = true }],
        };

        var config = ChartConfigBuilder.Build(spec, dark: true);

        Assert.Equal("dark", config["theme"]!["mode"]!.GetValue<string>());
        Assert.Equal("line", config["series"]![1]!["type"]!.GetValue<string>());
        // Display-zone wall time sent as if UTC: 13:00 stays 13:00 on the axis.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            config["series"]![0]!["data"]![0]![0]!.GetValue<long>());
        var axes = config["yaxis"]!.AsArray();
        Assert.Equal("ms", axes[1]!["labels"]!["formatter"]!.GetValue<string>());
        Assert.True(axes[1]!["opposite"]!.GetValue<bool>());
        Assert.Equal(["count", "ms"], config["tooltip"]!["y"]!.AsArray().Select(y => y!["formatter"]!.GetValue<string>()));
    }

    [Fact]
    public void Donut_takes_one_value_per_series_as_slices()
    {
        var config = ChartConfigBuilder.Build(new ChartSpec
        {
            Kind = ChartKind.Donut,
            Series = [new ChartSeries("2xx", [90]) { Color = "#0f0" }, new ChartSeries("5xx", [10])],
        }, dark: false);

        Assert.Equal([90d, 10d], config["series"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(["2xx", "5xx"], config["labels"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("#0f0", config["colors"]![0]!.GetValue<string>());
        Assert.Equal("total:count", config["plotOptions"]!["pie"]!["donut"]!["labels"]!["total"]!["formatter"]!.GetValue<string>());
    }
}
