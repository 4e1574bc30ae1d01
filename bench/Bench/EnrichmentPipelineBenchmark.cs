using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Tracker;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace UsageDashboard.Bench;

/// <summary>
/// <c>enrichment-pipeline [--visitors 1000] [--batches 20] [--batch 5000] [--passes 10]</c>: every enrichment step the writer
/// runs, in its order and with its default options, over batches of captured requests as the middleware hands them
/// over. Reports the bench thread's CPU per record (the writer runs the steps on one thread).
/// </summary>
/// <remarks>
/// Traffic: each visitor (an address and one of a few common browsers) sends a run of one to eight requests in a row
/// (a page and its assets), runs of different visitors following each other at random, all on one day. The steps are
/// idempotent with the default options, so the same records go through every pass.
/// </remarks>
internal static class EnrichmentPipelineBenchmark
{
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var visitors = BenchArgs.Int(args, "--visitors", 1000);
        var batches = BenchArgs.Int(args, "--batches", 20);
        var batchSize = BenchArgs.Int(args, "--batch", 5000);
        var passes = BenchArgs.Int(args, "--passes", 10);

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddSingleton<IVisitorSaltStore, InMemoryVisitorSaltStore>()
            .AddUsageEnrichment();
        await using var provider = services.BuildServiceProvider();
        var steps = provider.GetServices<IUsageEnricher>().ToArray();
        var work = Traffic(visitors, batches, batchSize);
        var records = batches * batchSize;
        Console.WriteLine($"enrichment-pipeline: {steps.Length} steps, {batches} batches of {batchSize:N0}, {visitors:N0} visitors, {passes} passes");

        var stepNs = new long[steps.Length];
        await PassAsync(steps, work, stepNs); // warm-up: JIT, caches, the day's salt
        Array.Clear(stepNs);
        var perPass = new List<double>();
        for (var pass = 0; pass < passes; pass++)
        {
            var started = ThreadCpuClock.NowNs();
            await PassAsync(steps, work, stepNs);
            perPass.Add((ThreadCpuClock.NowNs() - started) / 1000.0 / records);
        }

        perPass.Sort();
        Console.WriteLine($"bench thread CPU per record, µs: median {perPass[perPass.Count / 2]:F3} (passes {string.Join(' ', perPass.Select(p => p.ToString("F3")))})");
        for (var i = 0; i < steps.Length; i++)
        {
            Console.WriteLine($"  {steps[i].GetType().Name,-24} {stepNs[i] / 1000.0 / records / passes,8:F3} µs per record (mean of the passes)");
        }

        return 0;
    }

    private static async Task PassAsync(IUsageEnricher[] steps, List<CapturedRequest>[] work, long[] stepNs)
    {
        foreach (var batch in work)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                // Each step completes synchronously here (no remote geo), so its CPU stays on this thread.
                var started = ThreadCpuClock.NowNs();
                await steps[i].EnrichAsync(batch, CancellationToken.None).ConfigureAwait(false);
                stepNs[i] += ThreadCpuClock.NowNs() - started;
            }
        }
    }

    private static List<CapturedRequest>[] Traffic(int visitors, int batches, int batchSize)
    {
        var random = new Random(42);
        var peers = Enumerable.Range(0, visitors)
            .Select(i => (Address: new IPAddress([(byte)(11 + i % 200), (byte)(i / 200 % 256), (byte)random.Next(256), (byte)(1 + random.Next(254))]), Agent: Agents[i % Agents.Length]))
            .ToArray();
        var day = new DateTime(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
        var work = new List<CapturedRequest>[batches];
        var (visitor, left, n) = (0, 0, 0);
        for (var b = 0; b < batches; b++)
        {
            work[b] = new List<CapturedRequest>(batchSize);
            for (var i = 0; i < batchSize; i++, left--, n++)
            {
                if (left == 0)
                {
                    (visitor, left) = (random.Next(visitors), 1 + random.Next(8));
                }

                var (address, agent) = peers[visitor];
                var record = new UsageRecord
                {
                    Date = day.AddMilliseconds(n),
                    Url = "http://shop.example/products/42",
                    Path = "/products/42",
                    Method = "GET",
                    Status = 200,
                    RemoteAddr = address.ToString(),
                    UserAgent = agent,
                    ServerName = "HostApp",
                };
                work[b].Add(new CapturedRequest(record) { PeerAddress = address, AcceptLanguage = "en-GB,en;q=0.9" });
            }
        }

        return work;
    }
}
