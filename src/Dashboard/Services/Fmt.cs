using System.Globalization;

namespace UsageDashboard.Dashboard.Services;

/// <summary>Number formatting shared by every page, matching the chart formatters in <c>charts.js</c>.</summary>
internal static class Fmt
{
    private static readonly string[] CountUnits = ["", "k", "M", "B", "T"];
    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>950, 1.2k, 34k, 1.5M.</summary>
    public static string Count(double value)
    {
        var abs = Math.Abs(value);
        if (abs < 1000)
        {
            return value == Math.Floor(value)
                ? value.ToString("0", CultureInfo.InvariantCulture)
                : value.ToString("0.#", CultureInfo.InvariantCulture);
        }

        var unit = 0;
        while (abs >= 1000 && unit < CountUnits.Length - 1)
        {
            abs /= 1000;
            unit++;
        }

        // 999.96k would print as "1000k": carry into the next unit.
        if (Math.Round(abs, 1) >= 1000 && unit < CountUnits.Length - 1)
        {
            abs /= 1000;
            unit++;
        }

        var text = abs >= 100 ? abs.ToString("0", CultureInfo.InvariantCulture) : abs.ToString("0.#", CultureInfo.InvariantCulture);
        return (value < 0 ? "-" : "") + text + CountUnits[unit];
    }

    /// <summary>Exact count with thousands separators, for tooltips: 1,234,567.</summary>
    public static string Exact(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>0.4 ms, 12 ms, 1.4 s.</summary>
    public static string Ms(double? milliseconds)
    {
        if (milliseconds is not { } ms || double.IsNaN(ms))
        {
            return "–";
        }

        return ms switch
        {
            >= 10_000 => (ms / 1000).ToString("0", CultureInfo.InvariantCulture) + " s",
            >= 1000 => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
            >= 10 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
            _ => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        };
    }

    /// <summary>Milliseconds from a duration in seconds (the tracker's <c>speed</c>).</summary>
    public static string Seconds(double seconds) => Ms(seconds * 1000);

    /// <summary>512 B, 1.2 KB, 3.4 MB (binary units).</summary>
    public static string Bytes(double value)
    {
        var abs = Math.Abs(value);
        var unit = 0;
        while (abs >= 1024 && unit < ByteUnits.Length - 1)
        {
            abs /= 1024;
            unit++;
        }

        return (unit == 0 ? abs.ToString("0", CultureInfo.InvariantCulture) : abs.ToString("0.0", CultureInfo.InvariantCulture)) + " " + ByteUnits[unit];
    }

    /// <summary>A ratio 0..1 as 0%, 0.4%, 12%.</summary>
    public static string Percent(double ratio)
    {
        var pct = ratio * 100;
        return pct == 0 || pct >= 10
            ? pct.ToString("0", CultureInfo.InvariantCulture) + "%"
            : pct.ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Relative change from <paramref name="previous"/> to <paramref name="current"/>; null when there is no base.</summary>
    public static double? Change(double current, double previous) =>
        previous == 0 ? null : (current - previous) / previous;

    /// <summary>"+12%", "−3.4%", "new" (no previous value), "±0%".</summary>
    public static string ChangeText(double? change, bool hadPrevious = true)
    {
        if (change is not { } c)
        {
            return hadPrevious ? "±0%" : "new";
        }

        var text = Percent(Math.Abs(c));
        return c switch
        {
            > 0 => "+" + text,
            < 0 => "−" + text,
            _ => "±0%",
        };
    }

    /// <summary>A UTC time shown in the display zone: "25 Nov 2026 14:03:07".</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
