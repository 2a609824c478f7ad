namespace Incentives.Time;

/// <summary>
/// What to do with a local date-time that does not exist in a time zone because the clocks jump forward
/// (the spring-forward gap of daylight saving time, e.g. 02:30 on 2026-03-08 in America/New_York).
/// </summary>
public enum SkippedTimeResolution
{
    /// <summary>Refuse the local time with a <see cref="DstResolutionException"/> (the default: nothing moves without the user choosing it).</summary>
    Reject = 0,

    /// <summary>
    /// Use the first instant after the gap, i.e. the first instant at which the clock reads a time at or after the requested one
    /// (02:30 in a 02:00-03:00 gap becomes 03:00).
    /// </summary>
    EndOfGap = 1,

    /// <summary>Shift the local time forward by the length of the gap (02:30 in a one-hour gap becomes 03:30), like NodaTime's lenient resolver.</summary>
    ShiftForward = 2,
}
