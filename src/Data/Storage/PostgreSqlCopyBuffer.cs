using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// A growable buffer holding PostgreSQL's binary COPY format (header, one tuple per row, trailer), filled
/// with plain big-endian stores; a long COPY reuses it for each chunk.
/// </summary>
/// <remarks>
/// Encoding the rows ourselves instead of through <c>NpgsqlBinaryImporter.Write</c> removes the per-value
/// type resolution and parameter binding, which cost more app CPU per row than the rest of the tracker's
/// write path together. The format is fixed and documented ("Binary Format" in the COPY reference):
/// fields are a 32-bit length (-1 for NULL) followed by the type's binary send representation.
/// The array comes from the shared pool and goes back on <see cref="Dispose"/>.
/// </remarks>
internal sealed class PostgreSqlCopyBuffer : IDisposable
{
    // "PGCOPY\n\377\r\n\0", then 32-bit flags (0) and header extension length (0).
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    // Microseconds of PostgreSQL's timestamp epoch, 2000-01-01 UTC, in .NET ticks.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer;
    private int _length;

    public PostgreSqlCopyBuffer(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
        Header.CopyTo(_buffer);
        _length = Header.Length;
    }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Bytes written since construction or the last <see cref="Clear"/>.</summary>
    public int Length => _length;

    /// <summary>Empties the buffer for the next chunk of the same COPY (the header was in the first).</summary>
    public void Clear() => _length = 0;

    public void StartRow(short fieldCount) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fieldCount);

    /// <summary>The end-of-data marker: a tuple with field count -1.</summary>
    public void Finish() => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);

    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void WriteInt32(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void WriteInt64(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void WriteDouble(double value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[4..], value);
    }

    public void WriteBoolean(bool value)
    {
        var span = Reserve(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>
    /// A <c>timestamptz</c>: microseconds since 2000-01-01 UTC. <see cref="DateTime.MinValue"/> and
    /// <see cref="DateTime.MaxValue"/> become -infinity and infinity, as Npgsql writes them.
    /// </summary>
    public void WriteTimestamp(DateTime utc)
    {
        var micros = utc == DateTime.MinValue ? long.MinValue
            : utc == DateTime.MaxValue ? long.MaxValue
            : (utc.Ticks - PostgresEpochTicks) / (TimeSpan.TicksPerMillisecond / 1000);
        WriteInt64(micros);
    }

    /// <summary>Text as UTF-8 (the connection's client encoding); the caller has removed what PostgreSQL refuses.</summary>
    public void WriteText(string value)
    {
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        _length -= span.Length - 4 - written;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Advances by <paramref name="size"/> bytes and returns them for writing.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }

        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    private void Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
