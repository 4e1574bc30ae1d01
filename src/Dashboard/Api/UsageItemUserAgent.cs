using System.Text.Json.Serialization;

namespace UsageDashboard.Dashboard.Api;

/// <summary>The original's <c>user_agent</c> object.</summary>
internal sealed record UsageItemUserAgent(
    [property: JsonPropertyName("browser")] string? Browser,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("platform")] string? Platform,
    [property: JsonPropertyName("version")] string? Version);
