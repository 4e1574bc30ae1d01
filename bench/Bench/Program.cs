using UsageDashboard.Bench;

if (args.Length > 0 && args[0] == "rules")
{
    return await RulePropagationBenchmark.RunAsync(args[1..]);
}

Console.WriteLine("usage: see bench/README.md");
Console.WriteLine("  rules [sqlite|postgresql] [switches] [connection string]   rule propagation delay to two tracker instances");
return 0;
