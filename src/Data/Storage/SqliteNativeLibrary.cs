using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// The statement functions of the SQLite library that SQLitePCLRaw loaded, called through function
/// pointers with raw statement pointers.
/// </summary>
/// <remarks>
/// SQLitePCLRaw marshals each call through the statement's SafeHandle (an interlocked add-ref and
/// release) and a full GC transition. For the 35 binds of one usage record that costs more CPU than
/// SQLite's own binding, about a tenth of the tracker's added cost per request. A bind only records a value
/// in the statement and returns, so binds skip the GC transition; stepping does I/O and keeps it.
/// </remarks>
internal sealed unsafe class SqliteNativeLibrary
{
    private static readonly Lazy<SqliteNativeLibrary?> Loaded = new(Load);

    private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int> _bindInt64;
    private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int> _bindDouble;
    private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> _bindNull;
    private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> _bindText;
    private readonly delegate* unmanaged[Cdecl]<nint, int> _step;
    private readonly delegate* unmanaged[Cdecl]<nint, int> _reset;

    private SqliteNativeLibrary(nint library)
    {
        _bindInt64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int>)NativeLibrary.GetExport(library, "sqlite3_bind_int64");
        _bindDouble = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int>)NativeLibrary.GetExport(library, "sqlite3_bind_double");
        _bindNull = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_bind_null");
        _bindText = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_text");
        _step = (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(library, "sqlite3_step");
        _reset = (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(library, "sqlite3_reset");
    }

    /// <summary>
    /// The library SQLitePCLRaw uses, or null when it cannot be found by its name or is not the very copy
    /// SQLitePCLRaw calls (a statement must never be handed to a second copy of SQLite in the process).
    /// </summary>
    public static SqliteNativeLibrary? Shared => Loaded.Value;

    public int BindInt64(nint statement, int index, long value) => _bindInt64(statement, index, value);

    public int BindDouble(nint statement, int index, double value) => _bindDouble(statement, index, value);

    public int BindNull(nint statement, int index) => _bindNull(statement, index);

    public int BindText(nint statement, int index, byte* text, int length, nint destructor) =>
        _bindText(statement, index, text, length, destructor);

    public int Step(nint statement) => _step(statement);

    public int Reset(nint statement) => _reset(statement);

    private static SqliteNativeLibrary? Load()
    {
        try
        {
            // Microsoft.Data.Sqlite's connection type sets SQLitePCLRaw's provider up when it is initialized.
            RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);
            if (!NativeLibrary.TryLoad(raw.GetNativeLibraryName(), typeof(raw).Assembly, null, out var library)
                || !NativeLibrary.TryGetExport(library, "sqlite3_sourceid", out var sourceIdExport))
            {
                return null;
            }

            // sqlite3_sourceid returns a pointer to a constant inside the library: the same address
            // through both paths proves it is one loaded copy.
            var sourceId = ((delegate* unmanaged[Cdecl]<byte*>)sourceIdExport)();
            fixed (byte* providers = raw.sqlite3_sourceid())
            {
                return providers == sourceId ? new SqliteNativeLibrary(library) : null;
            }
        }
        catch (Exception)
        {
            // Whatever stops the lookup (no provider, another library name, a missing export), the
            // portable calls through SQLitePCLRaw still work.
            return null;
        }
    }
}
