using System.Security.Cryptography;
using System.Text;

namespace UsageDashboard.Tracker.Enrichment.Visitors;

/// <summary>
/// Plausible's cookie-less visitor id: a keyed hash of (daily salt, application, client address, user
/// agent). The same visitor gets the same id all day on every instance, and an unrelated one the next day.
/// </summary>
internal static class VisitorId
{
    public static string Compute(byte[] salt, string? application, string? address, string? userAgent)
    {
        var input = Encoding.UTF8.GetBytes($"{application}\0{address}\0{userAgent}");
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(salt, input, hash);
        // 128 bits are plenty to keep a day's visitors apart and fit the column comfortably.
        return Convert.ToHexStringLower(hash[..16]);
    }
}
