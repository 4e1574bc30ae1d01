using System.Globalization;

namespace UsageDashboard.Bench;

/// <summary>
/// CPU time of this process's live threads grouped by thread name (Linux, from <c>/proc/self/task</c>): shows which of
/// the runtime's threads (garbage collection, thread pool, the bench's own) a run's process CPU went to. Threads that exit
/// between two readings take their time with them, so the groups can add up to less than the process's total.
/// </summary>
internal static class ThreadCpuByName
{
    /// <summary>CPU ticks (USER_HZ, 1/100 s) per live thread id, with the thread's name.</summary>
    public static Dictionary<int, (string Name, long Ticks)> Read()
    {
        var threads = new Dictionary<int, (string, long)>();
        if (!OperatingSystem.IsLinux())
        {
            return threads;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (ProcessTreeCpu.Stat(Path.Combine(dir, "stat")) is { } fields)
            {
                threads[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (ThreadName(dir), ProcessTreeCpu.OwnTicks(fields));
            }
        }

        return threads;
    }

    /// <summary>"name 1.23 µs, ..." per record for every group that used at least 0.05 µs per record since <paramref name="before"/>.</summary>
    public static string Since(Dictionary<int, (string Name, long Ticks)> before, long records)
    {
        var groups = new Dictionary<string, long>();
        foreach (var (id, (name, ticks)) in Read())
        {
            var used = ticks - (before.TryGetValue(id, out var was) ? was.Ticks : 0);
            groups[name] = groups.GetValueOrDefault(name) + used;
        }

        return string.Join(", ", groups
            .Select(g => (g.Key, Us: g.Value * 10_000.0 / records))
            .Where(g => g.Us >= 0.05)
            .OrderByDescending(g => g.Us)
            .Select(g => $"{g.Key} {g.Us:F2}"));
    }

    private static string ThreadName(string taskDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(taskDirectory, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            // The thread exited between its stat and its name.
            return "?";
        }
    }
}
