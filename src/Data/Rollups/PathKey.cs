namespace UsageDashboard.Data.Rollups;

/// <summary>
/// One path, as requested through one route, in one 15-minute bucket, application, route group and bot flag: the key of
/// <see cref="PathSums"/>. The route lets a flush sum the route's countries and browsers from its paths'.
/// </summary>
internal readonly record struct PathKey(long BucketStart, string App, string Group, bool Bot, string Path, string Route)
{
    // A path nearly always comes through one route: hashing the route too would only cost time.
    public override int GetHashCode() => HashCode.Combine(BucketStart, App, Group, Bot, Path);
}
