using System.Globalization;

namespace UsageDashboard.Dashboard.Api;

/// <summary>
/// Typed reads of query string values that record an error naming the parameter instead of throwing.
/// Endpoints declare their parameters as strings (so the OpenAPI document lists them) and parse here,
/// so a bad value always yields a 400 problem-details body naming the parameter.
/// </summary>
internal sealed class QueryReader(QueryErrors errors)
{
    public QueryErrors Errors => errors;

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An ISO-8601 timestamp; without an offset it is taken as UTC.</summary>
    public DateTime? Time(string name, string? raw)
    {
        var text = Text(raw);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        errors.Add(name, $"'{text}' is not an ISO-8601 date and time (e.g. 2026-03-01T00:00:00Z).");
        return null;
    }

    public int? Int(string name, string? raw, int min, int max)
    {
        var text = Text(raw);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, $"'{text}' is not an integer.");
            return null;
        }

        if (value < min || value > max)
        {
            errors.Add(name, $"{value} is out of range: must be between {min} and {max}.");
            return null;
        }

        return value;
    }

    public bool? Bool(string name, string? raw)
    {
        var text = Text(raw);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(name, $"'{text}' is not true or false.");
        return null;
    }

    /// <summary>One of the named values of <typeparamref name="TEnum"/>, case-insensitive.</summary>
    public TEnum? Enum<TEnum>(string name, string? raw)
        where TEnum : struct, Enum
    {
        var text = Text(raw);
        if (text is null)
        {
            return null;
        }

        // Names only: Enum.TryParse would also accept numbers that name no member.
        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        errors.Add(name, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
        return null;
    }

    /// <summary>A time span: <c>15m</c>, <c>1h</c>, <c>1d</c>, <c>30s</c> or <c>hh:mm:ss</c>.</summary>
    public TimeSpan? Duration(string name, string? raw)
    {
        var text = Text(raw);
        if (text is null)
        {
            return null;
        }

        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (unit is { } parsed)
            {
                return parsed;
            }
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        errors.Add(name, $"'{text}' is not a duration such as 15m, 1h, 1d or 01:00:00.");
        return null;
    }
}
