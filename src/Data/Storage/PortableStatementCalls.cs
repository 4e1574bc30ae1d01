using SQLitePCL;

namespace UsageDashboard.Data.Storage;

/// <summary>Statement calls through SQLitePCLRaw's provider: works with any SQLite library it loaded.</summary>
internal readonly struct PortableStatementCalls(sqlite3_stmt statement) : ISqliteStatementCalls
{
    public int BindInt64(int index, long value) => raw.sqlite3_bind_int64(statement, index, value);

    public int BindDouble(int index, double value) => raw.sqlite3_bind_double(statement, index, value);

    public int BindNull(int index) => raw.sqlite3_bind_null(statement, index);

    // An empty span has no address and would be bound as NULL; the string overload binds ''.
    public int BindText(int index, ReadOnlySpan<byte> utf8) =>
        utf8.IsEmpty ? raw.sqlite3_bind_text(statement, index, "") : raw.sqlite3_bind_text(statement, index, utf8);

    public int Step() => raw.sqlite3_step(statement);

    public int Reset() => raw.sqlite3_reset(statement);
}
