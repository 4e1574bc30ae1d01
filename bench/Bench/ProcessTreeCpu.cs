using System.Globalization;

namespace UsageDashboard.Bench;

/// <summary>
/// CPU time of a process and its children from /proc (Linux): the process's own user+system time, what
/// its exited children accumulated, and every live child's own time. Used to charge the database
/// server's work (postmaster plus backends) to the rows written.
/// </summary>
internal static class ProcessTreeCpu
{
    public static TimeSpan? Read(int? pid)
    {
        if (pid is not int root || !OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var candidate))
                {
                    continue;
                }

                var fields = Stat(candidate);
                if (fields is null)
                {
                    continue;
                }

                // After "pid (comm)": [1]=ppid, [11]=utime, [12]=stime, [13]=cutime, [14]=cstime.
                if (candidate == root)
                {
                    ticks += Long(fields[11]) + Long(fields[12]) + Long(fields[13]) + Long(fields[14]);
                }
                else if (Long(fields[1]) == root)
                {
                    ticks += OwnTicks(fields);
                }
            }

            // USER_HZ is 100 on every mainstream Linux build.
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The parent of <paramref name="pid"/>, e.g. the PostgreSQL server process of a backend.</summary>
    public static int? ParentOf(int pid) => Stat(pid) is { } fields ? (int)Long(fields[1]) : null;

    /// <summary>User and system CPU ticks (USER_HZ) of a process or thread, from the fields of <see cref="Stat(string)"/>.</summary>
    public static long OwnTicks(string[] fields) => Long(fields[11]) + Long(fields[12]);

    private static string[]? Stat(int pid) => Stat($"/proc/{pid}/stat");

    /// <summary>The fields of a <c>stat</c> file after <c>pid (comm)</c>; null when the process or thread has gone.</summary>
    public static string[]? Stat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var close = text.LastIndexOf(')');
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}
