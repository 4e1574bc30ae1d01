using System.Runtime.InteropServices;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The key texts of one <see cref="RollupBatch"/>, numbered in the order they were first seen. A record's dimension values
/// are each looked up here once, by an ordinal string hash; its sums are then found by numbers (<see cref="ScopeSums"/>, and
/// the countries and browsers of a path in <see cref="PathSums"/>), whose hashing and comparing touch no string.
/// </summary>
internal sealed class RollupKeyIds
{
    /// <summary>Bits of one number in a packed key: room for 268 million distinct texts per batch (less one, for a pair's second).</summary>
    private const int Bits = 28;

    private const long Mask = (1L << Bits) - 1;

    private readonly Dictionary<string, int> _ids = new(256, StringComparer.Ordinal);
    private readonly List<string> _texts = new(256);

    /// <summary>The number of <paramref name="text"/>, given to it now when it is new.</summary>
    public int Of(string text)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, text, out var exists);
        if (!exists)
        {
            if (_texts.Count >= Mask)
            {
                throw new InvalidOperationException($"A rollup batch holds more than {Mask} distinct key texts.");
            }

            id = _texts.Count;
            _texts.Add(text);
        }

        return id;
    }

    /// <summary>The text numbered <paramref name="id"/>.</summary>
    public string this[int id] => _texts[id];

    /// <summary><paramref name="kind"/> and the number of its one key text as one dictionary key.</summary>
    public static long Pack(RollupDimension kind, int key) => ((long)kind << (2 * Bits)) | ((long)key << Bits);

    /// <summary><paramref name="kind"/> and the numbers of its two key texts as one dictionary key.</summary>
    public static long Pack(RollupDimension kind, int first, int second) => Pack(kind, first) | (second + 1L);

    /// <summary>The parts of a key made by <see cref="Pack(RollupDimension, int)"/> (<c>Second</c> null) or by the pair overload.</summary>
    public static (RollupDimension Kind, int First, int? Second) Unpack(long key)
    {
        var second = (int)(key & Mask);
        return ((RollupDimension)(key >> (2 * Bits)), (int)((key >> Bits) & Mask), second == 0 ? null : second - 1);
    }
}
