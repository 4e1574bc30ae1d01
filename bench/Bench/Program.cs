using UsageDashboard.Bench;

// A tiny dispatcher: each benchmark lives in its own file and is named by the first argument.
return args.FirstOrDefault() switch
{
    "write-path" => await WritePathBenchmark.RunAsync(args[1..]),
    "rules" => await RulePropagationBenchmark.RunAsync(args[1..]),
    "dashboard-queries" => await DashboardQueriesBenchmark.RunAsync(args[1..]),
    "rollup-ingest" => await Completed(RollupIngestBench.RunAsync(args)),
    "ten-million" => await Completed(TenMillionBench.RunAsync(args)),
    "enrichment" => EnrichmentBenchmark.Run(args[1..]),
    "enrichment-pipeline" => await EnrichmentPipelineBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static async Task<int> Completed(Task run)
{
    await run;
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Bench -- <benchmark> [options]");
    Console.Error.WriteLine("  write-path [--rows N] [--batch N] [--rounds N] [--providers sqlite,postgresql]   storage write path, SQLite vs PostgreSQL");
    Console.Error.WriteLine("  rules [sqlite|postgresql] [switches] [connection string]   rule propagation delay to two tracker instances");
    Console.Error.WriteLine("  dashboard-queries [--rows N] [--rounds N] [--db path]   each dashboard page's queries over 30 days of demo data in SQLite");
    Console.Error.WriteLine("  rollup-ingest sqlite|postgres [records]   sustained ingest through the batch store with and without rollups");
    Console.Error.WriteLine("  ten-million sqlite|postgres [records]   bulk load, rollup build and every page's queries at 10 million records");
    Console.Error.WriteLine("  enrichment [seconds]   user-agent parsing (repeated, distinct) and offline geo lookups per second");
    Console.Error.WriteLine("  enrichment-pipeline [--visitors N] [--batches N] [--batch N] [--passes N]   every enrichment step over the writer's batches, CPU per record");
    Console.Error.WriteLine("see bench/README.md");
    return 2;
}
