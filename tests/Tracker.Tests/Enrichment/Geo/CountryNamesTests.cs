using UsageDashboard.Tracker.Enrichment.Geo;

namespace UsageDashboard.Tracker.Tests.Enrichment.Geo;

public sealed class CountryNamesTests
{
    [Theory]
    [InlineData("US", "United States")]
    [InlineData("de", "Germany")]
    [InlineData("GB", "United Kingdom")]
    [InlineData("AG", "Antigua and Barbuda")]
    public void Known_codes_have_english_names(string code, string name) => Assert.Equal(name, CountryNames.Find(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ZZ")]
    [InlineData("USA")]
    public void Unknown_codes_have_no_name(string? code) => Assert.Null(CountryNames.Find(code));
}
