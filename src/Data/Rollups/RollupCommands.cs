using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Hosting;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Command-line maintenance of rollups for an application's <c>Main</c>:
/// <c>rollups rebuild [--from 2026-01-01] [--to 2026-02-01]</c>.
/// </summary>
public static class RollupCommands
{
    /// <summary>The usage text.</summary>
    public const string Usage = "usage: rollups rebuild [--from <ISO-8601 UTC>] [--to <ISO-8601 UTC>]";

    /// <summary>
    /// Runs the rollup command named by <paramref name="args"/> when they start with <c>rollups</c> and returns
    /// true (the caller should then exit, with <see cref="Environment.ExitCode"/> set); returns false otherwise.
    /// Needs <c>AddUsageRollups()</c> in <paramref name="services"/>; applies pending migrations first when the
    /// storage options ask for it.
    /// </summary>
    /// <param name="args">The program arguments.</param>
    /// <param name="services">The application's built service provider.</param>
    /// <param name="output">Where to write results; the console when null.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static async Task<bool> TryRunAsync(
        string[] args, IServiceProvider services, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        if (args.Length == 0 || !string.Equals(args[0], "rollups", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        output ??= Console.Out;
        DateTime? from = null;
        DateTime? to = null;
        string? error = null;
        if (args.Length < 2 || !string.Equals(args[1], "rebuild", StringComparison.OrdinalIgnoreCase)
            || !TryParseOptions(args.AsSpan(2), out from, out to, out error))
        {
            await output.WriteLineAsync(error ?? Usage).ConfigureAwait(false);
            Environment.ExitCode = 2;
            return true;
        }

        var storage = services.GetRequiredService<IOptions<UsageStorageOptions>>().Value;
        if (storage.MigrateOnStartup)
        {
            await UsageDatabaseMigrator.MigrateAsync(services.GetRequiredService<IDbContextFactory<UsageDbContext>>(), storage, cancellationToken)
                .ConfigureAwait(false);
        }

        var result = await services.GetRequiredService<RollupRebuilder>().RebuildAsync(from, to, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(result.IsEmpty
            ? "No raw records in the range; nothing rebuilt."
            : string.Create(CultureInfo.InvariantCulture,
                $"Rebuilt 15-minute buckets {result.BaseFrom:O} - {result.BaseTo:O}, days {result.DayFrom:O} - {result.DayTo:O}, "
                + $"months {result.MonthFrom:O} - {result.MonthTo:O} in {result.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);
        Environment.ExitCode = 0;
        return true;
    }

    internal static bool TryParseOptions(ReadOnlySpan<string> args, out DateTime? from, out DateTime? to, out string? error)
    {
        from = null;
        to = null;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if ((name != "--from" && name != "--to") || i + 1 >= args.Length)
            {
                error = $"Unknown or incomplete option '{name}'. {Usage}";
                return false;
            }

            if (!DateTime.TryParse(args[++i], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            {
                error = $"Option {name}: '{args[i]}' is not an ISO-8601 date. {Usage}";
                return false;
            }

            if (name == "--from")
            {
                from = value;
            }
            else
            {
                to = value;
            }
        }

        if (from is not null && to is not null && to <= from)
        {
            error = $"--to must be after --from. {Usage}";
            return false;
        }

        return true;
    }
}
