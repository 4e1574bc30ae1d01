using System.Diagnostics;
using System.Net;
using UsageDashboard.Tracker.Enrichment.Geo;
using UsageDashboard.Tracker.Enrichment.UserAgents;
using YamlDotNet.Serialization;

namespace UsageDashboard.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Bench -- enrichment [seconds]</c>: user-agent parsing on
/// repeated agents (through the LRU cache) and on distinct agents (every uap-core corpus agent, no
/// cache), and offline geo lookups per second, cached and uncached. Single-threaded: the writer runs
/// enrichment on one thread.
/// </summary>
internal static class EnrichmentBenchmark
{
    private static readonly string[] CommonAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.61",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    ];

    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 3;
        var budget = TimeSpan.FromSeconds(seconds);

        var started = Stopwatch.GetTimestamp();
        var uap = UapParser.FromEmbeddedRegexes();
        Console.WriteLine($"uap-core rules loaded in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms ({uap.RuleCounts})");

        var cached = new UserAgentParser(uap);
        Report("user agents, repeated (LRU cache)", budget, i => cached.Describe(CommonAgents[i % CommonAgents.Length]));

        var corpus = CorpusAgents();
        if (corpus.Count == 0)
        {
            Console.Error.WriteLine("uap-core corpus not found (set USAGE_UAP_CORE_DIR): distinct-agent figure skipped");
        }
        else
        {
            var cold = UapParser.FromEmbeddedRegexes();
            started = Stopwatch.GetTimestamp();
            foreach (var agent in corpus)
            {
                cold.Parse(agent);
            }
            var first = Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"user agents, distinct, first pass incl. lazy regex construction: {corpus.Count / first.TotalSeconds,12:N0} /s ({corpus.Count} agents in {first.TotalMilliseconds:F0} ms)");
            Report($"user agents, distinct ({corpus.Count} corpus agents, no cache)", budget, i => cold.Parse(corpus[i % corpus.Count]));
        }

        using var geo = new OfflineGeoLocator(OfflineGeoLocator.DefaultDatabasePath);
        var random = new Random(42);
        var addresses = Enumerable.Range(0, 100_000).Select(_ => RandomPublicAddress(random)).ToArray();
        var visitors = addresses.Take(1_000).ToArray();
        Report("offline geo, distinct addresses (uncached)", budget, i => geo.Find(addresses[i % addresses.Length]));
        Report("offline geo, 1 000 repeating visitors (cached)", budget, i => geo.Lookup(visitors[i % visitors.Length]));
        return 0;
    }

    private static void Report(string name, TimeSpan budget, Action<int> operation)
    {
        for (var i = 0; i < 2_000; i++)
        {
            operation(i); // warm-up: JIT and first-use costs stay out of the figure
        }
        var count = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < budget)
        {
            for (var i = 0; i < 1_000; i++)
            {
                operation(count++);
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"{name}: {count / elapsed.TotalSeconds,12:N0} /s ({elapsed.TotalMicroseconds / count:F2} µs each)");
    }

    private static IPAddress RandomPublicAddress(Random random)
    {
        while (true)
        {
            var address = new IPAddress(random.Next(1, int.MaxValue) * 2L & 0xFFFFFFFFL);
            if (IpAddressClassifier.IsPublic(address))
            {
                return address;
            }
        }
    }

    private static List<string> CorpusAgents()
    {
        var directory = Environment.GetEnvironmentVariable("USAGE_UAP_CORE_DIR");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); directory is null && dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "uap-core");
            if (Directory.Exists(candidate))
            {
                directory = candidate;
            }
        }
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }
        var deserializer = new DeserializerBuilder().Build();
        return Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("regexes.yaml", StringComparison.Ordinal))
            .SelectMany(f =>
            {
                using var reader = File.OpenText(f);
                var document = deserializer.Deserialize<Dictionary<string, List<Dictionary<string, string?>>>>(reader);
                return document.GetValueOrDefault("test_cases") ?? [];
            })
            .Select(c => c.GetValueOrDefault("user_agent_string"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
