namespace UsageDashboard.Data;

/// <summary>
/// The secret salt of one UTC day for cookie-less visitor ids. Kept in the shared database so that every
/// host instance computes the same id for the same visitor; rotated daily and deleted after two days,
/// so ids can be counted per day but not followed across days.
/// </summary>
public sealed class VisitorSalt
{
    /// <summary>The UTC day the salt belongs to.</summary>
    public DateOnly Day { get; set; }

    /// <summary>32 random bytes.</summary>
    public byte[] Salt { get; set; } = [];
}
