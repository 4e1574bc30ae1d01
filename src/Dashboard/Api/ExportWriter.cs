using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace UsageDashboard.Dashboard.Api;

/// <summary>Writes rows as CSV (RFC 4180) or as a JSON array of objects, flushing as it goes so exports stream.</summary>
internal static class ExportWriter
{
    private const int FlushEvery = 500;

    public static async Task WriteCsvAsync(Stream stream, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(',', columns.Select(Escape))).ConfigureAwait(false);
            var n = 0;
            var line = new StringBuilder();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                line.Clear();
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append(',');
                    }

                    line.Append(Cell(row[i]));
                }

                await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
                if (++n % FlushEvery == 0)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public static async Task WriteJsonAsync(Stream stream, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var json = new Utf8JsonWriter(stream);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartArray();
            var n = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    json.WritePropertyName(columns[i]);
                    WriteValue(json, i < row.Length ? row[i] : null);
                }

                json.WriteEndObject();
                if (++n % FlushEvery == 0)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A JSON array of items serialized with <paramref name="options"/>, streamed.</summary>
    public static async Task WriteJsonAsync<T>(Stream stream, IAsyncEnumerable<T> items, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        // The serializer flushes its writer synchronously after each value, and the server forbids synchronous
        // writes: serialize into a buffer and copy the buffer to the response asynchronously.
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var json = new Utf8JsonWriter(buffer);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartArray();
            var n = 0;
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                JsonSerializer.Serialize(json, item, options);
                if (++n % FlushEvery == 0)
                {
                    await DrainAsync(json, buffer, stream, cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            await DrainAsync(json, buffer, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, Stream stream, CancellationToken cancellationToken)
    {
        json.Flush();
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case double:
                json.WriteNullValue();
                break;
            case DateTime t:
                json.WriteStringValue(DateTime.SpecifyKind(t, DateTimeKind.Utc));
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => Escape(Defuse(s)),
        bool b => b ? "true" : "false",
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Escape(Defuse(value.ToString() ?? "")),
    };

    /// <summary>
    /// Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
    /// paths, user agents and user names are attacker-controlled and exports are opened in spreadsheets.
    /// </summary>
    private static string Defuse(string s) =>
        s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    private static string Escape(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
