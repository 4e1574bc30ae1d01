using System.Text.Json.Nodes;

namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>
/// Translates a <see cref="ChartSpec"/> into an ApexCharts configuration object. Formatters travel as
/// names ("ms", "bytes", ...) that <c>charts.js</c> swaps for functions, because JSON cannot carry code.
/// </summary>
internal static class ChartConfigBuilder
{
    /// <summary>The dashboard palette, readable on light and dark backgrounds.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#6366f1", "#14b8a6", "#f59e0b", "#f43f5e", "#0ea5e9", "#8b5cf6", "#84cc16", "#64748b"];

    public static JsonObject Build(ChartSpec spec, bool dark)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var isDonut = spec.Kind == ChartKind.Donut;
        var colors = spec.Colors.Count > 0 ? spec.Colors : Palette;

        var config = new JsonObject
        {
            ["chart"] = new JsonObject
            {
                ["type"] = KindName(spec.Kind),
                ["height"] = spec.Height,
                ["stacked"] = spec.Stacked,
                ["background"] = "transparent",
                ["fontFamily"] = "inherit",
                ["foreColor"] = dark ? "#a1a1aa" : "#52525b",
                ["toolbar"] = new JsonObject { ["show"] = false },
                ["zoom"] = new JsonObject { ["enabled"] = false },
                ["animations"] = new JsonObject { ["enabled"] = true, ["speed"] = 300 },
            },
            ["theme"] = new JsonObject { ["mode"] = dark ? "dark" : "light" },
            ["colors"] = ToArray(spec.Series.Select((s, i) => s.Color ?? colors[i % colors.Count])),
            ["dataLabels"] = new JsonObject { ["enabled"] = false },
            ["legend"] = new JsonObject
            {
                ["show"] = spec.ShowLegend,
                ["position"] = isDonut ? "bottom" : "top",
                ["horizontalAlign"] = isDonut ? "center" : "left",
            },
            ["grid"] = new JsonObject
            {
                ["borderColor"] = dark ? "#3f3f46" : "#e4e4e7",
                ["strokeDashArray"] = 3,
            },
            ["noData"] = new JsonObject { ["text"] = "No data in this range" },
        };

        if (isDonut)
        {
            config["colors"] = ToArray(spec.Series.Select((s, i) => s.Color ?? colors[i % colors.Count]));
            config["labels"] = ToArray(spec.Series.Select(s => s.Name));
            config["series"] = ToArray(spec.Series.Select(s => (JsonNode?)JsonValue.Create(s.Values.Count > 0 ? s.Values[0] ?? 0 : 0)));
            config["stroke"] = new JsonObject { ["width"] = 2, ["colors"] = ToArray([dark ? "#27272a" : "#ffffff"]) };
            config["plotOptions"] = new JsonObject
            {
                ["pie"] = new JsonObject
                {
                    ["donut"] = new JsonObject
                    {
                        ["size"] = "70%",
                        ["labels"] = new JsonObject
                        {
                            ["show"] = true,
                            ["value"] = new JsonObject { ["formatter"] = FormatName(spec.Format) },
                            ["total"] = new JsonObject
                            {
                                ["show"] = true,
                                ["label"] = "Total",
                                ["formatter"] = "total:" + FormatName(spec.Format),
                            },
                        },
                    },
                },
            };
            config["tooltip"] = new JsonObject { ["y"] = new JsonObject { ["formatter"] = FormatName(spec.Format) } };
            return config;
        }

        config["stroke"] = new JsonObject
        {
            ["curve"] = "smooth",
            ["width"] = ToArray(spec.Series.Select(s => (JsonNode?)JsonValue.Create(EffectiveKind(spec, s) == ChartKind.Bar ? 0 : 2))),
        };
        config["fill"] = new JsonObject
        {
            ["type"] = ToArray(spec.Series.Select(s => (JsonNode?)JsonValue.Create(EffectiveKind(spec, s) == ChartKind.Area ? "gradient" : "solid"))),
            ["gradient"] = new JsonObject { ["opacityFrom"] = 0.45, ["opacityTo"] = 0.05 },
        };
        config["plotOptions"] = new JsonObject
        {
            ["bar"] = new JsonObject
            {
                ["horizontal"] = spec.Horizontal,
                ["borderRadius"] = 3,
                ["columnWidth"] = "70%",
                ["barHeight"] = "70%",
            },
        };

        var series = new JsonArray();
        foreach (var s in spec.Series)
        {
            var item = new JsonObject { ["name"] = s.Name };
            if (s.Kind is { } kind && kind != spec.Kind)
            {
                item["type"] = KindName(kind);
            }

            item["data"] = spec.Timestamps is { } times
                ? ToArray(times.Zip(s.Values, (t, v) => (JsonNode?)new JsonArray(JsonValue.Create(ToEpochMs(t)), JsonValue.Create(v))))
                : ToArray(s.Values.Select(v => (JsonNode?)JsonValue.Create(v)));
            series.Add(item);
        }

        config["series"] = series;
        config["xaxis"] = spec.Timestamps is not null
            ? new JsonObject
            {
                ["type"] = "datetime",
                ["labels"] = new JsonObject { ["datetimeUTC"] = true },
                ["tooltip"] = new JsonObject { ["enabled"] = false },
            }
            : new JsonObject
            {
                ["categories"] = ToArray(spec.Categories.Select(c => (JsonNode?)JsonValue.Create(c))),
                ["labels"] = new JsonObject
                {
                    ["trim"] = true,
                    ["hideOverlappingLabels"] = true,
                    // A horizontal bar's x axis carries the values.
                    ["formatter"] = spec.Horizontal ? FormatName(AxisOf(spec, 0).Format) : null,
                },
            };
        config["yaxis"] = BuildYAxes(spec);
        config["tooltip"] = new JsonObject
        {
            ["shared"] = spec.Series.Count > 1 && !spec.Horizontal,
            ["intersect"] = false,
            ["x"] = new JsonObject { ["format"] = "dd MMM yyyy HH:mm" },
            ["y"] = ToArray(spec.Series.Select(s => (JsonNode?)new JsonObject { ["formatter"] = FormatName(AxisOf(spec, s.Axis).Format) })),
        };
        return config;
    }

    private static JsonNode BuildYAxes(ChartSpec spec)
    {
        if (spec.Axes.Count <= 1)
        {
            var axis = AxisOf(spec, 0);
            return new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = spec.Horizontal ? null : axis.Title },
                ["labels"] = new JsonObject { ["formatter"] = spec.Horizontal ? null : FormatName(axis.Format), ["maxWidth"] = 220 },
                ["min"] = 0,
                ["forceNiceScale"] = true,
            };
        }

        // ApexCharts wants one y axis entry per series; series sharing an axis point at its first series.
        var axes = new JsonArray();
        var firstSeriesOfAxis = new Dictionary<int, string>();
        foreach (var s in spec.Series)
        {
            var axis = AxisOf(spec, s.Axis);
            if (firstSeriesOfAxis.TryAdd(s.Axis, s.Name))
            {
                axes.Add(new JsonObject
                {
                    ["seriesName"] = s.Name,
                    ["opposite"] = axis.Opposite,
                    ["min"] = 0,
                    ["forceNiceScale"] = true,
                    ["title"] = new JsonObject { ["text"] = axis.Title },
                    ["labels"] = new JsonObject { ["formatter"] = FormatName(axis.Format) },
                });
            }
            else
            {
                axes.Add(new JsonObject
                {
                    ["seriesName"] = firstSeriesOfAxis[s.Axis],
                    ["show"] = false,
                    ["labels"] = new JsonObject { ["formatter"] = FormatName(axis.Format) },
                });
            }
        }

        return axes;
    }

    private static ChartAxis AxisOf(ChartSpec spec, int index) =>
        index >= 0 && index < spec.Axes.Count ? spec.Axes[index] : new ChartAxis("");

    private static ChartKind EffectiveKind(ChartSpec spec, ChartSeries series) => series.Kind ?? spec.Kind;

    internal static string KindName(ChartKind kind) => kind switch
    {
        ChartKind.Area => "area",
        ChartKind.Line => "line",
        ChartKind.Bar => "bar",
        ChartKind.Donut => "donut",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal static string FormatName(ValueFormat format) => format switch
    {
        ValueFormat.Count => "count",
        ValueFormat.Milliseconds => "ms",
        ValueFormat.Bytes => "bytes",
        ValueFormat.Percent => "percent",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>
    /// Times arrive already shifted into the display zone; they are sent as if UTC and drawn with
    /// <c>datetimeUTC</c>, so the axis shows the chosen zone whatever the browser's own zone is.
    /// </summary>
    private static long ToEpochMs(DateTime time) =>
        new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static JsonArray ToArray(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonArray ToArray(IEnumerable<JsonNode?> values) => new(values.ToArray());
}
