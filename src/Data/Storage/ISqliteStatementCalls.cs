namespace UsageDashboard.Data.Storage;

/// <summary>
/// The calls the SQLite batch writer makes on its one prepared INSERT. Implemented by structs, so the
/// writer's loop is compiled once per implementation with the calls inlined.
/// </summary>
internal interface ISqliteStatementCalls
{
    int BindInt64(int index, long value);

    int BindDouble(int index, double value);

    int BindNull(int index);

    /// <summary>Binds UTF-8 text; SQLite copies it, so the buffer may be reused at once.</summary>
    int BindText(int index, ReadOnlySpan<byte> utf8);

    int Step();

    int Reset();
}
