using UsageDashboard.Bench;

// A tiny dispatcher: each benchmark lives in its own file and is named by the first argument.
return args.FirstOrDefault() switch
{
    "write-path" => await WritePathBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Bench -- <benchmark> [options]");
    Console.Error.WriteLine("  write-path [--rows N] [--batch N] [--rounds N] [--providers sqlite,postgresql]   storage write path, SQLite vs PostgreSQL");
    Console.Error.WriteLine("see bench/README.md");
    return 2;
}
