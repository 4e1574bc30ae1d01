namespace UsageDashboard.Data.Storage;

/// <summary>
/// Makes any string storable: cut to the column limit and free of what a database refuses.
/// </summary>
/// <remarks>
/// PostgreSQL rejects NUL characters in text and Npgsql's strict UTF-8 encoder rejects lone surrogates;
/// either would fail the whole batch, and retrying would fail again. Both are replaced by U+FFFD so the
/// record is kept (the same on SQLite, so both providers return identical text). The common case
/// (nothing to fix, short enough) costs one vectorized scan and no allocation.
/// </remarks>
internal static class UsageText
{
    private const char Replacement = '\uFFFD';

    public static string? Clean(string? value, int? maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (maxLength is int max && value.Length > max)
        {
            // Never split a surrogate pair at the cut.
            var cut = max > 0 && char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
            value = value[..cut];
        }

        // One vectorized scan finds the first character outside U+0001..U+D7FF; only text holding one (NUL, a surrogate, or
        // anything from U+E000 up, rare in URLs and headers) is looked at again for exactly what must be replaced.
        var span = value.AsSpan();
        var suspect = span.IndexOfAnyExceptInRange('\u0001', '\uD7FF');
        if (suspect < 0)
        {
            return value;
        }

        var rest = span[suspect..];
        if (rest.IndexOf('\0') < 0 && rest.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return value;
        }

        return Repair(value);
    }

    private static string Repair(string value) => string.Create(value.Length, value, static (target, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\0')
            {
                target[i] = Replacement;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                target[i] = c;
                target[i + 1] = source[i + 1];
                i++;
            }
            else
            {
                target[i] = char.IsSurrogate(c) ? Replacement : c;
            }
        }
    });
}
