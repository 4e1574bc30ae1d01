using System.Text.RegularExpressions;
using UsageDashboard.Tracker.Enrichment.UserAgents;
using Xunit.Sdk;

namespace UsageDashboard.Tracker.Tests.Enrichment.UserAgents;

/// <summary>
/// The whole uap-core corpus against the embedded regexes: at least 99 % exact agreement per file,
/// with the measured agreement printed.
/// </summary>
public sealed class UapParserCorpusTests(ITestOutputHelper output)
{
    // A generous timeout: this measures accuracy, and a busy machine must not turn a slow match into "Other".
    private static readonly Lazy<UapParser> Parser = new(() => UapParser.FromEmbeddedRegexes(TimeSpan.FromSeconds(5)));

    private const double RequiredAgreement = 0.99;

    [Theory]
    [InlineData("tests/test_ua.yaml")]
    [InlineData("tests/test_os.yaml")]
    [InlineData("tests/test_device.yaml")]
    public void Corpus_file_agrees_with_uap_core(string relativePath)
    {
        var directory = UapCorpus.RequireDirectory();
        AssertAgreement(Path.Combine(directory, relativePath));
    }

    [Fact]
    public void Every_test_resources_file_agrees_with_uap_core()
    {
        var directory = UapCorpus.RequireDirectory();
        var files = Directory.GetFiles(Path.Combine(directory, "test_resources"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                AssertAgreement(file);
            }
            catch (XunitException e)
            {
                failures.Add(e.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Required_literal_precheck_never_rejects_a_rule_that_matches()
    {
        var directory = UapCorpus.RequireDirectory();
        using var stream = typeof(UapParser).Assembly.GetManifestResourceStream(UapParser.ResourceName)!;
        using var reader = new StreamReader(stream);
        var document = new YamlDotNet.Serialization.DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string?>>>>(reader);
        var rules = document.Values.SelectMany(list => list)
            .Select(e => new UapRule(e["regex"]!, e.GetValueOrDefault("regex_flag") == "i", [], TimeSpan.FromSeconds(5)))
            .ToList();
        var agents = UapCorpus.AllAgents(directory);

        var unsound = new List<string>();
        var withLiteral = rules.Count(r => r.Requirement is not null);
        foreach (var rule in rules.Where(r => r.Requirement is not null))
        {
            foreach (var agent in agents)
            {
                if (!rule.MayMatch(agent) && rule.Regex.IsMatch(agent))
                {
                    unsound.Add($"{rule.Regex} (requirement '{rule.Requirement}') matches '{agent}'");
                    break;
                }
            }
        }

        output.WriteLine($"{withLiteral} of {rules.Count} rules have a literal pre-check; checked against {agents.Count} agents.");
        Assert.Empty(unsound);
    }

    private void AssertAgreement(string file)
    {
        var name = Path.GetFileName(file);
        var kind = Regex.IsMatch(name, "(^|_)os(_|\\.)") ? "os" : name.Contains("device", StringComparison.Ordinal) ? "device" : "ua";
        var cases = UapCorpus.LoadCases(file);
        var mismatches = new List<string>();
        foreach (var c in cases)
        {
            var agent = c["user_agent_string"] ?? "";
            var (expected, actual) = kind switch
            {
                "os" => (Expected(c, "family", "major", "minor", "patch", "patch_minor"), Actual(Parser.Value.ParseOs(agent))),
                "device" => (Expected(c, "family", "brand", "model"), Actual(Parser.Value.ParseDevice(agent))),
                _ => (Expected(c, "family", "major", "minor", "patch"), Actual(Parser.Value.ParseBrowser(agent), patchMinor: false)),
            };
            if (expected != actual)
            {
                mismatches.Add($"  {agent}\n    expected {expected}\n    actual   {actual}");
            }
        }

        var agreement = cases.Count == 0 ? 1.0 : (cases.Count - mismatches.Count) / (double)cases.Count;
        output.WriteLine($"{name} ({kind}): {cases.Count - mismatches.Count}/{cases.Count} = {agreement:P2} exact agreement");
        foreach (var mismatch in mismatches.Take(20))
        {
            output.WriteLine(mismatch);
        }
        Assert.True(cases.Count > 0, $"{name} has no test cases");
        Assert.True(agreement >= RequiredAgreement, $"{name}: {agreement:P2} agreement is below {RequiredAgreement:P0} ({mismatches.Count} of {cases.Count} differ)");
    }

    private static string Expected(Dictionary<string, string?> c, params string[] keys) =>
        string.Join(" | ", keys.Select(k => c.GetValueOrDefault(k) is { Length: > 0 } v ? v : "-"));

    private static string Actual(UapVersionedName n, bool patchMinor = true) =>
        string.Join(" | ", new[] { n.Family, n.Major, n.Minor, n.Patch }.Concat(patchMinor ? [n.PatchMinor] : []).Select(v => v ?? "-"));

    private static string Actual(UapDevice d) => string.Join(" | ", new[] { d.Family, d.Brand, d.Model }.Select(v => v ?? "-"));
}
