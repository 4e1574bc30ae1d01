namespace UsageDashboard.Data.Storage;

/// <summary>
/// The calls the SQLite batch writer makes on a prepared INSERT. Implemented by structs, so the
/// writer's loop is compiled once per implementation with the calls inlined.
/// </summary>
internal interface ISqliteStatementCalls
{
    int BindInt64(int index, long value);

    int BindDouble(int index, double value);

    int BindNull(int index);

    /// <summary>Binds UTF-8 text, copied by SQLite: the bytes may be reused as soon as the call returns.</summary>
    int BindText(int index, ReadOnlySpan<byte> utf8);

    int Step();

    int Reset();
}
