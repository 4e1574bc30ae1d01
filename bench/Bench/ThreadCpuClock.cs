using System.Runtime.InteropServices;

namespace UsageDashboard.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, nanosecond resolution): charges work
/// that runs synchronously on the bench thread to one component, unaffected by other processes competing for
/// the cores, which inflate wall time but not the thread's own CPU time.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Thread CPU time in nanoseconds, or 0 where the clock is unavailable.</summary>
    public static long NowNs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return ClockGetTime(ClockThreadCpuTimeId, out var ts) == 0 ? ts.Seconds * 1_000_000_000L + ts.Nanoseconds : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
