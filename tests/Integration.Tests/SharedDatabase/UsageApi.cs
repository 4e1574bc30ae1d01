using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>Reads the Dashboard's <c>GET /api/usage</c>, the way any consumer of the API would.</summary>
internal static class UsageApi
{
    /// <summary>Every record since <paramref name="since"/> that HostApp wrote for requests carrying <paramref name="marker"/>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> GetAsync(HttpClient dashboard, DateTime since, string marker)
    {
        var start = since.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        using var response = await dashboard.GetAsync($"/api/usage?start={Uri.EscapeDataString(start)}&limit=1000", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/usage answered {(int)response.StatusCode}: {body}");

        using var document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return document.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("server_name").GetString() == SharedAppsFixture.HostAppName)
            .Where(r => (r.GetProperty("url").GetString() ?? "").Contains(marker, StringComparison.Ordinal))
            .Select(r => r.Clone())
            .ToList();
    }

    /// <summary>
    /// Polls until <paramref name="complete"/> holds or <paramref name="within"/> has passed since the
    /// call; returns the last answer and how long it took.
    /// </summary>
    public static async Task<(IReadOnlyList<JsonElement> Records, TimeSpan Elapsed)> WaitForAsync(
        HttpClient dashboard, DateTime since, string marker, Func<IReadOnlyList<JsonElement>, bool> complete, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var records = await GetAsync(dashboard, since, marker);
            if (complete(records) || clock.Elapsed > within)
            {
                return (records, clock.Elapsed);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The JSON object in <paramref name="value"/>, whether the API serves it as an object or as JSON text.</summary>
    public static JsonElement AsObject(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            using var document = JsonDocument.Parse(value.GetString()!);
            return document.RootElement.Clone();
        }

        return value;
    }

    /// <summary>A property of a JSON object as text, whatever its JSON type (route values may be strings or numbers).</summary>
    public static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
}
