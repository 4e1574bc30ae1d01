namespace UsageDashboard.Bench;

/// <summary>
/// Whether this process compiles code as the dashboard does, without tiered compilation (see its project file), so that
/// pages are timed as it serves them.
/// </summary>
internal static class DashboardJit
{
    private static bool Matches =>
        Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0"
        || AppContext.GetData("System.Runtime.TieredCompilation") is false or "false";

    /// <summary>Says how the pages below are compiled, and how to time them as the dashboard serves them.</summary>
    public static void Report() => Console.WriteLine(Matches
        ? "pages compiled as the dashboard compiles them: tiered compilation off"
        : "note: tiered compilation is on here and off in the dashboard; run with DOTNET_TieredCompilation=0 to time pages as it serves them");
}
