using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// Builds the JSON objects of <c>view_args</c>, <c>url_args</c> and <c>track_var</c>, capped at
/// <see cref="UsageRecordLimits.Json"/> characters while staying valid JSON: long values are cut and
/// properties that no longer fit are left out, so hostile input never yields a broken record.
/// </summary>
/// <remarks>
/// The default encoder escapes every non-ASCII character, so a JSON text has as many characters as
/// UTF-8 bytes and the column limit holds in either unit.
/// </remarks>
internal static class JsonArgs
{
    public const string Empty = "{}";

    private const int Limit = UsageRecordLimits.Json;
    private const int MaxKeyLength = 256;

    private static readonly JsonSerializerOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.Default,
        MaxDepth = 32,
    };

    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string FromRouteValues(RouteValueDictionary values, string[] names)
    {
        if (names.Length == 0)
        {
            return Empty;
        }

        var json = Start();
        foreach (var name in names)
        {
            if (values.TryGetValue(name, out var value) && value is not null)
            {
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                if (!json.TryAddString(name, text))
                {
                    break;
                }
            }
        }

        return json.Finish();
    }

    /// <summary>The query as an object; a key given more than once becomes an array of its values.</summary>
    public static string FromQuery(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery) || rawQuery == "?")
        {
            return Empty;
        }

        var json = Start();
        foreach (var (key, values) in QueryHelpers.ParseQuery(rawQuery))
        {
            var added = values.Count == 1 ? json.TryAddString(key, values[0] ?? "") : json.TryAddArray(key, values);
            if (!added)
            {
                break;
            }
        }

        return json.Finish();
    }

    public static string? FromTrackVars(IReadOnlyDictionary<string, object?> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        try
        {
            var whole = JsonSerializer.Serialize(values, s_options);
            if (whole.Length <= Limit)
            {
                return whole;
            }
        }
        catch (Exception)
        {
            // One value cannot be serialized (or a getter throws); fall through to value-by-value.
        }

        var json = Start();
        foreach (var (key, value) in values)
        {
            string? valueJson;
            try
            {
                valueJson = JsonSerializer.Serialize(value, s_options);
            }
            catch (Exception)
            {
                valueJson = null;
            }

            var added = valueJson is not null && json.TryAddRaw(key, valueJson)
                || json.TryAddString(key, valueJson ?? SafeToString(value));
            if (!added)
            {
                break;
            }
        }

        return json.Finish();
    }

    private static string SafeToString(object? value)
    {
        try
        {
            return value?.ToString() ?? "";
        }
        catch (Exception)
        {
            return value!.GetType().FullName ?? "";
        }
    }

    private static ObjectWriter Start()
    {
        var builder = t_builder ??= new StringBuilder(256);
        builder.Clear();
        builder.Append('{');
        return new ObjectWriter(builder);
    }

    /// <summary>Encodes a JSON string literal (with quotes) of at most <paramref name="max"/> characters, cutting the value.</summary>
    private static string? EncodeCapped(string value, int max)
    {
        if (max < 2)
        {
            return null;
        }

        var raw = TextLimit.Truncate(value, max - 2)!;
        while (true)
        {
            var encoded = Encode(raw);
            if (encoded.Length + 2 <= max)
            {
                return "\"" + encoded + "\"";
            }

            // Every raw character encodes to at least one character, so this always shrinks enough eventually.
            raw = TextLimit.Truncate(raw, Math.Max(0, raw.Length - (encoded.Length + 2 - max)))!;
        }
    }

    private static string Encode(string value)
    {
        try
        {
            return JsonEncodedText.Encode(value, JavaScriptEncoder.Default).Value;
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be encoded; replace them as UTF-8 decoding would.
            var clean = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    clean.Append(c).Append(value[++i]);
                }
                else
                {
                    clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                }
            }

            return JsonEncodedText.Encode(clean.ToString(), JavaScriptEncoder.Default).Value;
        }
    }

    private readonly struct ObjectWriter(StringBuilder builder)
    {
        // Room kept for the closing brace.
        private int Room => Limit - 1 - builder.Length;

        public bool TryAddString(string key, string value)
        {
            var prefix = Prefix(key);
            if (prefix is null)
            {
                return false;
            }

            var literal = EncodeCapped(value, Room - prefix.Length);
            if (literal is null)
            {
                return false;
            }

            builder.Append(prefix).Append(literal);
            return true;
        }

        public bool TryAddRaw(string key, string valueJson)
        {
            var prefix = Prefix(key);
            if (prefix is null || prefix.Length + valueJson.Length > Room)
            {
                return false;
            }

            builder.Append(prefix).Append(valueJson);
            return true;
        }

        public bool TryAddArray(string key, StringValues values)
        {
            var prefix = Prefix(key);
            if (prefix is null || prefix.Length + 2 > Room)
            {
                return false;
            }

            builder.Append(prefix).Append('[');
            var first = true;
            foreach (var value in values)
            {
                // Keep room for a separator and the closing bracket.
                var literal = EncodeCapped(value ?? "", Room - 1 - (first ? 0 : 1));
                if (literal is null)
                {
                    break;
                }

                if (!first)
                {
                    builder.Append(',');
                }

                builder.Append(literal);
                first = false;
            }

            builder.Append(']');
            return true;
        }

        public string Finish() => builder.Append('}').ToString();

        private string? Prefix(string key)
        {
            var separator = builder.Length > 1 ? "," : "";
            var name = EncodeCapped(key, MaxKeyLength);
            if (name is null)
            {
                return null;
            }

            var prefix = separator + name + ":";
            // A property needs at least an empty string value after its name.
            return prefix.Length + 2 <= Room ? prefix : null;
        }
    }
}
