namespace UsageDashboard.Data.Storage;

/// <summary>
/// Statement calls straight into the loaded SQLite library with the statement's raw pointer. The caller
/// holds a reference on the statement's handle for as long as it uses this value.
/// </summary>
internal readonly unsafe struct NativeStatementCalls(nint statement, SqliteNativeLibrary library) : ISqliteStatementCalls
{
    // SQLITE_TRANSIENT: SQLite copies the text at the bind (into the parameter's own buffer, which it keeps and reuses),
    // so the binding outlives the caller's bytes and a value repeated by the next row need not be bound again.
    private const nint Transient = -1;

    private static readonly byte* EmptyText = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1);

    public int BindInt64(int index, long value) => library.BindInt64(statement, index, value);

    public int BindDouble(int index, double value) => library.BindDouble(statement, index, value);

    public int BindNull(int index) => library.BindNull(statement, index);

    public int BindText(int index, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            // A null pointer would bind NULL: '' needs an address.
            return library.BindText(statement, index, EmptyText, 0, Transient);
        }

        fixed (byte* text = utf8)
        {
            return library.BindText(statement, index, text, utf8.Length, Transient);
        }
    }

    public int Step() => library.Step(statement);

    public int Reset() => library.Reset(statement);
}
