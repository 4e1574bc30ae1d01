namespace UsageDashboard.Data.Rules;

/// <summary>
/// An application's tracking mode, the last level of the precedence: what happens to an endpoint that
/// no override, attribute or convention decides.
/// </summary>
public enum TrackingMode
{
    /// <summary>Track every endpoint except excluded ones.</summary>
    Exclude = 0,

    /// <summary>Track only included endpoints.</summary>
    Include = 1,
}
