using UsageDashboard.Tracker.Enrichment.UserAgents;

namespace UsageDashboard.Tracker.Tests.Enrichment.UserAgents;

public sealed class UapParserTests
{
    private static UapParser FromYaml(string yaml, int timeoutMilliseconds = 1000) =>
        UapParser.FromYaml(new StringReader(yaml), TimeSpan.FromMilliseconds(timeoutMilliseconds));

    private const string Rules = """
        user_agent_parsers:
          - regex: '(Namoroka|Shiretoko|Minefield)/(\d+)\.(\d+)\.(\d+(?:pre)?)'
            family_replacement: 'Firefox ($1)'
          - regex: 'Fixed/(\d+)'
            family_replacement: 'Fixed'
            v1_replacement: '9'
          - regex: '(Plain)/(\d+)(?:\.(\d+)|)'
        os_parsers:
          - regex: 'Win(95|98|NT)'
            os_replacement: 'Windows $1'
          - regex: '(Android) (\d+)\.(\d+)'
        device_parsers:
          - regex: '; *(nexus \d+) Build'
            regex_flag: 'i'
            device_replacement: '$1'
            brand_replacement: 'Google'
            model_replacement: '$1'
          - regex: 'Phone ([A-Z]+)-(\d+)'
            device_replacement: 'Phone $1'
            brand_replacement: '$1'
            model_replacement: '$2'
        """;

    [Fact]
    public void Family_replacement_substitutes_groups_and_versions_follow_the_groups()
    {
        var parser = FromYaml(Rules);
        var browser = parser.ParseBrowser("Mozilla/5.0 (Windows; Windows NT 5.1; rv:2.0b3pre) Gecko/20100727 Minefield/4.0.1pre");
        Assert.Equal(new UapVersionedName("Firefox (Minefield)", "4", "0", "1pre", null), browser);
        Assert.Equal("4.0.1pre", browser.Version);
    }

    [Fact]
    public void Version_replacement_overrides_the_group_and_unmatched_groups_are_null()
    {
        var parser = FromYaml(Rules);
        Assert.Equal(new UapVersionedName("Fixed", "9", null, null, null), parser.ParseBrowser("Fixed/3"));
        Assert.Equal(new UapVersionedName("Plain", "2", null, null, null), parser.ParseBrowser("x Plain/2 y"));
    }

    [Fact]
    public void Os_and_device_rules_apply_replacements_and_the_case_insensitive_flag()
    {
        var parser = FromYaml(Rules);
        Assert.Equal("Windows NT", parser.ParseOs("Mozilla/4.0 (compatible; WinNT)").Family);
        Assert.Equal(new UapVersionedName("Android", "4", "4", null, null), parser.ParseOs("Linux; Android 4.4; x"));
        Assert.Equal(new UapDevice("NEXUS 5", "Google", "NEXUS 5"), parser.ParseDevice("Android 6; NEXUS 5 Build/M"));
        Assert.Equal(new UapDevice("Phone ABC", "ABC", "42"), parser.ParseDevice("Phone ABC-42"));
    }

    [Fact]
    public void No_match_is_Other_never_null()
    {
        var parsed = FromYaml(Rules).Parse("completely unknown agent");
        Assert.Equal(UapVersionedName.Other, parsed.Browser);
        Assert.Equal(UapVersionedName.Other, parsed.Os);
        Assert.Equal(UapDevice.Other, parsed.Device);
    }

    [Fact]
    public void A_regex_that_backtracks_catastrophically_times_out_to_Other()
    {
        var parser = FromYaml("""
            user_agent_parsers:
              - regex: '^(a+)+b'
            os_parsers:
              - regex: '^(a|aa)+c'
            device_parsers:
              - regex: '^(a|a?)+d'
            """, timeoutMilliseconds: 20);
        var hostile = new string('a', 5000) + "!";

        var parsed = parser.Parse(hostile);

        Assert.Equal("Other", parsed.Browser.Family);
        Assert.Equal("Other", parsed.Os.Family);
        Assert.Equal("Other", parsed.Device.Family);
    }

    [Fact]
    public void Embedded_uap_core_file_loads_and_every_regex_compiles()
    {
        var parser = UapParser.FromEmbeddedRegexes();
        parser.CompileAll();
        var (agents, os, devices) = parser.RuleCounts;
        Assert.True(agents > 300 && os > 100 && devices > 500, $"{agents}/{os}/{devices} rules");

        var parsed = parser.Parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36");
        Assert.Equal("Chrome", parsed.Browser.Family);
        Assert.Equal("120", parsed.Browser.Major);
        Assert.Equal("Windows", parsed.Os.Family);
        Assert.Equal("10", parsed.Os.Major);
        Assert.Equal("Other", parsed.Device.Family);
    }

    [Fact]
    public void Required_literals_are_taken_from_the_mandatory_path_only()
    {
        Assert.Equal("Minefield", UapLiteralExtractor.LongestRequiredLiteral(@"(Minefield)/(\d+)"));
        // " Build/" is in typical Android agents; "Nexus " is rarer, so it is the better pre-check.
        Assert.Equal("Nexus ", UapLiteralExtractor.LongestRequiredLiteral(@"; *(Nexus \d+) Build/"));
        Assert.Equal(["Firefox", "Chrome"], UapLiteralExtractor.Requirement(@"(Firefox|Chrome)/(\d+)", ignoreCase: false)!.Literals);
        Assert.Equal(["Foo", "Barbaz"], UapLiteralExtractor.Requirement(@"Foo|Barbaz", ignoreCase: false)!.Literals);
        Assert.Equal("Vers", UapLiteralExtractor.LongestRequiredLiteral(@"(?:Opera )?Versi?on/(\d+)"));
        Assert.Equal("Mobil", UapLiteralExtractor.LongestRequiredLiteral(@"Mobile?[ ]"));

        var crawlers = UapLiteralExtractor.Requirement(@"^.{0,100}?(Googlebot|\b\w{0,30}favicon\w{0,30}\b|[Ss][Pp][Ii][Dd][Ee][Rr])", ignoreCase: false)!;
        Assert.Equal(["Googlebot", "favicon", "spider"], crawlers.Literals);
        Assert.True(crawlers.IgnoreCase);
        Assert.True(crawlers.IsMetBy("Mozilla/5.0 (compatible; SPIDER/1.0)"));
        Assert.False(crawlers.IsMetBy("Mozilla/5.0 (Windows NT 10.0) Firefox/120.0"));
        Assert.Null(UapLiteralExtractor.Requirement(@"(Googlebot|\d+)", ignoreCase: false));
    }
}
