using UsageDashboard.Tracker.Enrichment.Language;

namespace UsageDashboard.Tracker.Tests.Enrichment.Language;

public sealed class AcceptLanguageParserTests
{
    [Theory]
    [InlineData("en-us", "en-US")]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr-CH")]
    [InlineData("de;q=0.5, en-gb;q=0.9", "en-GB")]
    [InlineData("en;q=0, es", "es")]
    [InlineData("en;q=0", null)]
    [InlineData("*", null)]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("pt_br", "pt-BR")]
    [InlineData("es-419;q=0.8, en;q=0.8", "es-419")]
    [InlineData("EN", "en")]
    public void Picks_the_highest_quality_tag_normalised(string header, string? expected)
    {
        Assert.Equal(expected, AcceptLanguageParser.Preferred(header));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";;;,,,")]
    [InlineData("en;q=abc, de;q=2")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("en-;q=0.5")]
    [InlineData("123")]
    public void Malformed_headers_give_no_language_and_never_throw(string header)
    {
        Assert.Null(AcceptLanguageParser.Preferred(header));
    }

    [Fact]
    public async Task The_enricher_sets_the_language()
    {
        var request = Batch.Request(acceptLanguage: "de-de,de;q=0.9,en;q=0.8");
        await new LanguageEnricher().EnrichAsync([request], TestContext.Current.CancellationToken);
        Assert.Equal("de-DE", request.Record.Language);
    }

    [Fact]
    public async Task Each_record_gets_the_language_of_its_own_header_when_headers_repeat_and_alternate()
    {
        // Past the cached length: parsed every time, with the same result.
        var longHeader = string.Join(',', Enumerable.Repeat("!!!", 80)) + ",fr-ca";
        string?[] headers = ["de-de,de;q=0.9", "de-de,de;q=0.9", "en-us", "de-de,de;q=0.9", "*", longHeader, longHeader, null, "EN-gb"];
        var batch = headers.Select(h => Batch.Request(acceptLanguage: h)).ToList();
        var enricher = new LanguageEnricher();

        await enricher.EnrichAsync(batch, TestContext.Current.CancellationToken);
        await enricher.EnrichAsync([.. batch.AsEnumerable().Reverse()], TestContext.Current.CancellationToken);

        Assert.True(longHeader.Length > 256);
        Assert.Equal(["de-DE", "de-DE", "en-US", "de-DE", null, "fr-CA", "fr-CA", null, "en-GB"], batch.Select(r => r.Record.Language));
    }
}
