using UsageDashboard.Dashboard.Services;

namespace UsageDashboard.Dashboard.Tests.Services;

public sealed class FmtTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(950, "950")]
    [InlineData(1234, "1.2k")]
    [InlineData(34_500, "34.5k")]
    [InlineData(999_960, "1M")]
    [InlineData(1_500_000, "1.5M")]
    [InlineData(250_000, "250k")]
    public void Counts_are_compact(double value, string expected) => Assert.Equal(expected, Fmt.Count(value));

    [Theory]
    [InlineData(0.42, "0.4 ms")]
    [InlineData(12.4, "12 ms")]
    [InlineData(1400, "1.4 s")]
    [InlineData(12_000, "12 s")]
    public void Durations_pick_their_unit(double ms, string expected) => Assert.Equal(expected, Fmt.Ms(ms));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(98_765_432, "94.2 MB")]
    public void Bytes_use_binary_units(double value, string expected) => Assert.Equal(expected, Fmt.Bytes(value));

    [Fact]
    public void Percentages_and_changes()
    {
        Assert.Equal("0.4%", Fmt.Percent(0.004));
        Assert.Equal("12%", Fmt.Percent(0.123));
        Assert.Equal("+23%", Fmt.ChangeText(0.2345));
        Assert.Equal("new", Fmt.ChangeText(null, hadPrevious: false));
        Assert.Equal("–", Fmt.Ms(null));
    }
}
