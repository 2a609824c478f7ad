namespace Incentives.Time;

/// <summary>Whose clock a window's local date-times (and its slots) are read on.</summary>
public enum WindowTimeReference
{
    /// <summary>The campaign's zone: one window of instants for everybody (the default).</summary>
    Campaign = 0,

    /// <summary>
    /// The participant's zone: "midnight where the user is". The same local start and end are resolved in each participant's
    /// zone, so a participant in Sydney starts before one in Vancouver.
    /// </summary>
    Participant = 1,
}
