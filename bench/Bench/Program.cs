if (args.Length > 0 && args[0] == "enrichment") return UsageDashboard.Bench.EnrichmentBenchmark.Run(args[1..]);
Console.WriteLine("usage: see bench/README.md");
return 0;
