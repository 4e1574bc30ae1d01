namespace HostApp;

/// <summary>The benchmark handler, shared by <c>/ping</c> and <c>/ping-untracked</c> so they differ only in tracking.</summary>
internal static class Ping
{
    public static string Pong() => "pong";
}
