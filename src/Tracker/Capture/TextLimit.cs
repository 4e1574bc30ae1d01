namespace UsageDashboard.Tracker.Capture;

/// <summary>Cuts text to a column limit without splitting a surrogate pair; never rejects input.</summary>
internal static class TextLimit
{
    public static string? Truncate(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        var length = maxLength;
        if (length > 0 && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        return value[..length];
    }
}
