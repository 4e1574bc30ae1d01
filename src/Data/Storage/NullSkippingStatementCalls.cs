namespace UsageDashboard.Data.Storage;

/// <summary>
/// Statement calls that leave out binding NULL to a parameter that is still NULL from the statement's last execution:
/// a reset keeps every binding, and a usage row has many empty columns (no forwarded address, no user name, no location)
/// that stay empty from one row to the next.
/// </summary>
/// <param name="calls">The calls that reach the statement.</param>
/// <param name="boundNull">
/// By parameter index (from 1), whether the statement holds NULL there. Belongs to one prepared statement; all true
/// when it is freshly prepared, when every parameter is NULL.
/// </param>
internal readonly struct NullSkippingStatementCalls<TCalls>(TCalls calls, bool[] boundNull) : ISqliteStatementCalls
    where TCalls : struct, ISqliteStatementCalls
{
    public int BindInt64(int index, long value)
    {
        boundNull[index] = false;
        return calls.BindInt64(index, value);
    }

    public int BindDouble(int index, double value)
    {
        boundNull[index] = false;
        return calls.BindDouble(index, value);
    }

    public int BindNull(int index)
    {
        if (boundNull[index])
        {
            return 0;
        }

        boundNull[index] = true;
        return calls.BindNull(index);
    }

    public int BindText(int index, ReadOnlySpan<byte> utf8)
    {
        boundNull[index] = false;
        return calls.BindText(index, utf8);
    }

    public int Step() => calls.Step();

    public int Reset() => calls.Reset();
}
