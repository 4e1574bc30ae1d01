using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// The ua-parser reference algorithm over uap-core's <c>regexes.yaml</c> (embedded in this assembly):
/// for each of the three lists the first matching rule wins, its <c>*_replacement</c> values
/// (with <c>$1</c>..<c>$9</c>) override the captured groups, and no match gives "Other".
/// </summary>
/// <remarks>
/// Thread-safe and uncached; <see cref="UserAgentParser"/> adds the cache. Each regex runs with a match
/// timeout: a hostile agent that makes a rule backtrack gives "Other" for that list instead of
/// stalling the writer.
/// </remarks>
internal sealed class UapParser
{
    /// <summary>The manifest name of the embedded uap-core file.</summary>
    public const string ResourceName = "UsageDashboard.Tracker.Enrichment.UserAgents.regexes.yaml";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(200);

    private readonly UapRule[] _agentRules;
    private readonly UapRule[] _osRules;
    private readonly UapRule[] _deviceRules;

    private UapParser(UapRule[] agentRules, UapRule[] osRules, UapRule[] deviceRules)
    {
        _agentRules = agentRules;
        _osRules = osRules;
        _deviceRules = deviceRules;
    }

    /// <summary>How many rules were loaded (user agent, OS, device).</summary>
    public (int Agents, int Os, int Devices) RuleCounts => (_agentRules.Length, _osRules.Length, _deviceRules.Length);

    /// <summary>Loads the uap-core file embedded in the Tracker assembly.</summary>
    public static UapParser FromEmbeddedRegexes(TimeSpan? matchTimeout = null)
    {
        using var stream = typeof(UapParser).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(UapParser).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return FromYaml(reader, matchTimeout ?? DefaultTimeout);
    }

    /// <summary>Loads a <c>regexes.yaml</c> in uap-core's format.</summary>
    public static UapParser FromYaml(TextReader yaml, TimeSpan matchTimeout)
    {
        var document = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string?>>>>(yaml)
            ?? throw new InvalidDataException("The user-agent regex file is empty.");

        return new UapParser(
            Rules(document, "user_agent_parsers", ["family_replacement", "v1_replacement", "v2_replacement", "v3_replacement", "v4_replacement"], matchTimeout),
            Rules(document, "os_parsers", ["os_replacement", "os_v1_replacement", "os_v2_replacement", "os_v3_replacement", "os_v4_replacement"], matchTimeout),
            Rules(document, "device_parsers", ["device_replacement", "brand_replacement", "model_replacement"], matchTimeout));
    }

    private static UapRule[] Rules(
        Dictionary<string, List<Dictionary<string, string?>>> document, string list, string[] replacementKeys, TimeSpan timeout)
    {
        if (!document.TryGetValue(list, out var entries))
        {
            throw new InvalidDataException($"The user-agent regex file has no '{list}' list.");
        }
        var rules = new UapRule[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!entry.TryGetValue("regex", out var pattern) || string.IsNullOrEmpty(pattern))
            {
                throw new InvalidDataException($"Entry {i} of '{list}' has no regex.");
            }
            var replacements = new string?[replacementKeys.Length];
            for (var k = 0; k < replacementKeys.Length; k++)
            {
                replacements[k] = entry.GetValueOrDefault(replacementKeys[k]);
            }
            var ignoreCase = entry.GetValueOrDefault("regex_flag") == "i";
            rules[i] = new UapRule(pattern, ignoreCase, replacements, timeout);
        }
        return rules;
    }

    /// <summary>Builds every regex now: validates the file and moves the compile cost out of the first requests.</summary>
    public void CompileAll()
    {
        foreach (var rule in _agentRules.Concat(_osRules).Concat(_deviceRules))
        {
            rule.EnsureRegex();
        }
    }

    public ParsedUserAgent Parse(string agent) => new(ParseBrowser(agent), ParseOs(agent), ParseDevice(agent));

    public UapVersionedName ParseBrowser(string agent) => ParseVersionedName(_agentRules, agent);

    public UapVersionedName ParseOs(string agent) => ParseVersionedName(_osRules, agent);

    public UapDevice ParseDevice(string agent)
    {
        if (FirstMatch(_deviceRules, agent) is not (var rule, var match))
        {
            return UapDevice.Other;
        }

        // Device family and model default to group 1; the brand has no default group.
        var family = rule.Resolve(match, 0, 1) ?? "Other";
        return new UapDevice(family, rule.Resolve(match, 1, 0), rule.Resolve(match, 2, 1));
    }

    private static UapVersionedName ParseVersionedName(UapRule[] rules, string agent)
    {
        if (FirstMatch(rules, agent) is not (var rule, var match))
        {
            return UapVersionedName.Other;
        }

        var family = rule.Resolve(match, 0, 1) ?? "Other";
        return new UapVersionedName(
            family,
            rule.Resolve(match, 1, 2),
            rule.Resolve(match, 2, 3),
            rule.Resolve(match, 3, 4),
            rule.Resolve(match, 4, 5));
    }

    /// <summary>The first rule whose regex matches, as uap-core prescribes; null when none does or a regex times out.</summary>
    private static (UapRule Rule, Match Match)? FirstMatch(UapRule[] rules, string agent)
    {
        try
        {
            foreach (var rule in rules)
            {
                if (!rule.MayMatch(agent))
                {
                    continue;
                }

                var match = rule.Regex.Match(agent);
                if (match.Success)
                {
                    return (rule, match);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological agent parses as "Other", never a stall.
        }

        return null;
    }
}
