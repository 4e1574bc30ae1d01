using System.Runtime.InteropServices;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The wide part's sums of one <see cref="WideScopeKey"/>: per remote address, per visitor (of the bucket; a flush adds
/// the buckets of a day together) and per path.
/// </summary>
/// <remarks>
/// Each table is keyed by one string, hashed by the dictionary's own ordinal string hashing (which turns randomized if
/// one key set collides), so a record costs three short-string lookups. Keys combining the bucket, application and
/// remote address or path cost a full randomized hash of every string part per lookup, which made summing the wide part
/// more than twice as costly as summing the narrow one.
/// </remarks>
internal sealed class WideScopeSums
{
    private readonly Dictionary<string, RollupSums> _remotes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RollupSums> _visitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PathSums> _paths = new(StringComparer.Ordinal);

    /// <summary>Distinct keys held (remote addresses, visitors, paths).</summary>
    public int KeyCount => _remotes.Count + _visitors.Count + _paths.Count;

    public IReadOnlyDictionary<string, RollupSums> Remotes => _remotes;

    public IReadOnlyDictionary<string, RollupSums> Visitors => _visitors;

    public IReadOnlyDictionary<string, PathSums> Paths => _paths;

    public RollupSums Remote(string address) => SumsTable.Of(_remotes, address);

    public RollupSums Visitor(string visitor) => SumsTable.Of(_visitors, visitor);

    /// <summary>
    /// The sums of <paramref name="path"/>, when it comes through the route group and route the path was first seen with
    /// here (nearly always: a path belongs to one endpoint); otherwise null, and the caller keeps it under its whole key.
    /// </summary>
    public PathSums? Path(string path, string group, string route)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(_paths, path, out _);
        sums ??= new PathSums { Group = group, Route = route };
        return sums.Group == group && sums.Route == route ? sums : null;
    }
}
