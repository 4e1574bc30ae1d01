namespace UsageDashboard.Data.Storage;

/// <summary>
/// Statement calls that leave out binding a value the parameter still holds from the statement's last execution: a
/// reset keeps every binding, and most of a usage row's columns repeat from one row to the next. Empty columns (no
/// forwarded address, no user name, no location) stay NULL; the application, method, agent, its description, the
/// language and, under steady traffic, the URL and request line stay the same text.
/// </summary>
/// <remarks>Text is bound only with the string it encodes, so that every text a parameter holds is known.</remarks>
/// <param name="calls">The calls that reach the statement.</param>
/// <param name="bound">What one prepared statement holds, by parameter index.</param>
internal readonly struct RepeatSkippingStatementCalls<TCalls>(TCalls calls, StatementBindings bound)
    where TCalls : struct, ISqliteStatementCalls
{
    public int BindInt64(int index, long value)
    {
        bound.Set(index, isNull: false, text: null);
        return calls.BindInt64(index, value);
    }

    public int BindDouble(int index, double value)
    {
        bound.Set(index, isNull: false, text: null);
        return calls.BindDouble(index, value);
    }

    public int BindNull(int index)
    {
        if (bound.IsNull(index))
        {
            return 0;
        }

        bound.Set(index, isNull: true, text: null);
        return calls.BindNull(index);
    }

    /// <summary>Whether the parameter already holds <paramref name="text"/>, compared ordinally.</summary>
    public bool Holds(int index, string text) => bound.Holds(index, text);

    /// <summary>Binds <paramref name="utf8"/>, the encoding of <paramref name="text"/>, and remembers the text.</summary>
    public int BindText(int index, string text, ReadOnlySpan<byte> utf8)
    {
        bound.Set(index, isNull: false, text);
        return calls.BindText(index, utf8);
    }

    public int Step() => calls.Step();

    public int Reset() => calls.Reset();
}
