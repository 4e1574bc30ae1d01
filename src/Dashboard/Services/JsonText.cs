using System.Text.Encodings.Web;
using System.Text.Json;

namespace UsageDashboard.Dashboard.Services;

/// <summary>Pretty-prints the JSON columns (view_args, url_args, track_var, ip_info) for reading.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // shown as text (HTML-encoded by Razor), not embedded in script
    };

    /// <summary>Indented JSON; text that is not valid JSON (e.g. cut at the column limit) is returned unchanged; null stays null.</summary>
    public static string? Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
