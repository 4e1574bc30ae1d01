using UsageDashboard.Bench;

switch (args.FirstOrDefault())
{
    case "rollup-ingest":
        await RollupIngestBench.RunAsync(args);
        break;
    case "ten-million":
        await TenMillionBench.RunAsync(args);
        break;
    default:
        Console.WriteLine("usage: see bench/README.md (rollup-ingest sqlite|postgres [records]; ten-million sqlite|postgres [records])");
        break;
}
