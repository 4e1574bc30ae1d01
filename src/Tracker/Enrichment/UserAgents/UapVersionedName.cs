namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>A browser or operating system family with its version parts, as uap-core defines them.</summary>
internal sealed record UapVersionedName(string Family, string? Major, string? Minor, string? Patch, string? PatchMinor)
{
    public static readonly UapVersionedName Other = new("Other", null, null, null, null);

    /// <summary>major.minor[.patch[.patchMinor]], or only the parts present; null without a major version.</summary>
    public string? Version
    {
        get
        {
            if (Major is null)
            {
                return null;
            }
            if (Minor is null)
            {
                return Major;
            }
            if (Patch is null)
            {
                return $"{Major}.{Minor}";
            }
            return PatchMinor is null ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}.{PatchMinor}";
        }
    }
}
