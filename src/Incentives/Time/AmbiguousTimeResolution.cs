namespace Incentives.Time;

/// <summary>
/// What to do with a local date-time that occurs twice in a time zone because the clocks fall back
/// (the overlap at the end of daylight saving time, e.g. 01:30 on 2026-11-01 in America/New_York).
/// </summary>
public enum AmbiguousTimeResolution
{
    /// <summary>Refuse the local time with a <see cref="DstResolutionException"/> (the default: nothing moves without the user choosing it).</summary>
    Reject = 0,

    /// <summary>Use the earlier occurrence (the one with the larger, daylight-saving offset): the first time the clock reads the local time.</summary>
    EarlierOffset = 1,

    /// <summary>Use the later occurrence (the one with the smaller, standard offset): the second time the clock reads the local time.</summary>
    LaterOffset = 2,
}
