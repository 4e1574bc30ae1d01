namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The sums of each scope of a <see cref="RollupBatch"/>, with the scope looked up last remembered: the records of a
/// batch arrive in time order and consecutive ones mostly share a scope, so most records cost a key comparison instead
/// of a hash lookup.
/// </summary>
internal sealed class ScopeTable<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : class, new()
{
    private TKey _lastKey;
    private TValue? _last;

    public Dictionary<TKey, TValue> Entries { get; } = new(8);

    /// <summary>The sums of <paramref name="key"/>, created when new.</summary>
    public TValue Of(TKey key)
    {
        if (_last is not null && _lastKey.Equals(key))
        {
            return _last;
        }

        var value = SumsTable.Of(Entries, key);
        (_lastKey, _last) = (key, value);
        return value;
    }
}
