using System.Buffers;
using System.Text;

namespace UsageDashboard.Tracker.Capture;

/// <summary>Reads the user name of a Basic Authorization header; any malformed header yields null.</summary>
internal static class BasicAuthentication
{
    private const string Scheme = "Basic ";

    // Enough base64 for a user name far beyond the column limit; a huge header costs no more than this.
    private const int MaxEncodedChars = 4096;

    public static string? GetUserName(string? header)
    {
        if (header is null || header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var encoded = header.AsSpan(Scheme.Length).Trim();
        if (encoded.Length > MaxEncodedChars)
        {
            encoded = encoded[..MaxEncodedChars];
        }

        if (encoded.IsEmpty)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((encoded.Length / 4 * 3) + 3);
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
            {
                return null;
            }

            var credentials = buffer.AsSpan(0, written);
            var colon = credentials.IndexOf((byte)':');
            var user = colon >= 0 ? credentials[..colon] : credentials;
            if (user.IsEmpty)
            {
                return null;
            }

            // Invalid UTF-8 becomes U+FFFD rather than an exception.
            return TextLimit.Truncate(Encoding.UTF8.GetString(user), UsageRecordLimits.UserName);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
