using System.Runtime.InteropServices;

namespace UsageDashboard.Data.Rollups;

/// <summary>The one lookup every in-memory rollup table makes per record: the sums of a key, created when absent.</summary>
internal static class SumsTable
{
    /// <summary>The value of <paramref name="key"/>, added as a new <typeparamref name="TValue"/> when absent; one hash lookup either way.</summary>
    public static TValue Of<TKey, TValue>(Dictionary<TKey, TValue> table, TKey key)
        where TKey : notnull
        where TValue : class, new()
    {
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(table, key, out _);
        return value ??= new TValue();
    }
}
