namespace UsageDashboard.Data.Rules;

/// <summary>
/// An explicit tracking decision: an override stored as a rule, or what code declares with an attribute
/// or convention. <see cref="Default"/> means "no decision here, ask the next level".
/// </summary>
public enum TrackingSetting
{
    /// <summary>No decision at this level (no override stored, or no attribute/convention in code).</summary>
    Default = 0,

    /// <summary>Record requests.</summary>
    Track = 1,

    /// <summary>Do not record requests.</summary>
    Exclude = 2,
}
