using YamlDotNet.Serialization;

namespace UsageDashboard.Tracker.Tests.Enrichment;

/// <summary>
/// Locates the uap-core test corpus: <c>USAGE_UAP_CORE_DIR</c>, else a <c>shared/uap-core</c> folder
/// beside one of the test assembly's ancestors (the repository sits next to <c>shared/</c>, locally and in CI).
/// </summary>
internal static class UapCorpus
{
    public static string? Directory { get; } = Locate();

    /// <summary>The corpus folder; fails under CI and skips elsewhere when it is missing.</summary>
    public static string RequireDirectory()
    {
        if (Directory is not null)
        {
            return Directory;
        }
        const string message = "The uap-core corpus was not found: set USAGE_UAP_CORE_DIR or place shared/uap-core beside the repository.";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message);
        }
        Assert.Skip(message);
        return "";
    }

    public static List<Dictionary<string, string?>> LoadCases(string file)
    {
        using var reader = File.OpenText(file);
        var document = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string?>>>>(reader);
        return document["test_cases"];
    }

    /// <summary>Every agent string of every corpus file, distinct.</summary>
    public static List<string> AllAgents(string directory) =>
        System.IO.Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Where(f => f.Contains("/tests/", StringComparison.Ordinal) || f.Contains("/test_resources/", StringComparison.Ordinal))
            .SelectMany(LoadCases)
            .Select(c => c["user_agent_string"])
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("USAGE_UAP_CORE_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "uap-core");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "tests")))
            {
                return candidate;
            }
        }
        return null;
    }
}
