using System.Text;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Tests.Capture;

public sealed class BasicAuthenticationTests
{
    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    [Fact]
    public void ReadsTheUserNameBeforeTheColon()
    {
        Assert.Equal("alice", BasicAuthentication.GetUserName(Basic("alice:secret:with:colons")));
        Assert.Equal("j\u00fcrgen", BasicAuthentication.GetUserName(Basic("j\u00fcrgen:pw")));
        Assert.Equal("bob", BasicAuthentication.GetUserName("basic " + Convert.ToBase64String("bob:x"u8)));
        Assert.Equal("nocolon", BasicAuthentication.GetUserName(Basic("nocolon")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic    ")]
    [InlineData("Basic %%%")]
    [InlineData("Basic YWxpY2U")]
    [InlineData("Basic OnB3")]
    [InlineData("Bearer YWxpY2U6cHc=")]
    public void MalformedOrOtherSchemes_GiveNull(string? header) => Assert.Null(BasicAuthentication.GetUserName(header));

    [Fact]
    public void HugeOrInvalidUtf8Credentials_AreCutOrReplaced_NeverThrow()
    {
        var huge = BasicAuthentication.GetUserName(Basic(new string('u', 100_000) + ":pw"));
        var invalid = BasicAuthentication.GetUserName("Basic " + Convert.ToBase64String([0xff, 0xfe, (byte)'a', (byte)':', (byte)'p']));

        Assert.Equal(UsageRecordLimits.UserName, huge!.Length);
        Assert.Equal("\ufffd\ufffda", invalid);
    }
}
