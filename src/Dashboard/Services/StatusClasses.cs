namespace UsageDashboard.Dashboard.Services;

/// <summary>Names and colours of HTTP status classes, the same on every page and chart.</summary>
internal static class StatusClasses
{
    /// <summary>The chart colour of class 1-5 (0 = other).</summary>
    public static string Color(int statusClass) => statusClass switch
    {
        1 => "#94a3b8",
        2 => "#22c55e",
        3 => "#0ea5e9",
        4 => "#f59e0b",
        5 => "#ef4444",
        _ => "#64748b",
    };

    /// <summary>"2xx"; "other" outside 1-5.</summary>
    public static string Label(int statusClass) => statusClass is >= 1 and <= 5 ? $"{statusClass}xx" : "other";

    /// <summary>The class of a status code (0 when outside 100-599).</summary>
    public static int Of(int status) => status is >= 100 and <= 599 ? status / 100 : 0;

    /// <summary>The CSS class of a status chip.</summary>
    public static string ChipClass(int status) => $"status-chip status-{Of(status)}";

    /// <summary>A short description for tooltips.</summary>
    public static string Describe(int statusClass) => statusClass switch
    {
        1 => "Informational",
        2 => "Success",
        3 => "Redirection",
        4 => "Client errors",
        5 => "Server errors",
        _ => "Other",
    };
}
