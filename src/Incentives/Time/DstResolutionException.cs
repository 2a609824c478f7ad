using System;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Time;

/// <summary>
/// Thrown when a local date-time of a window or slot falls in a daylight-saving gap or overlap and the
/// <see cref="DstPolicy"/> in force rejects it. The message names the local time and the zone and says how to fix it.
/// </summary>
public sealed class DstResolutionException : ArgumentException
{
    /// <summary>Initializes a new instance for a local time that could not be resolved.</summary>
    /// <param name="localDateTime">The local date-time.</param>
    /// <param name="zoneId">The id of the time zone.</param>
    /// <param name="kind">Whether the local time was skipped or ambiguous.</param>
    /// <param name="paramName">The name of the parameter that carried the local time, if any.</param>
    public DstResolutionException(LocalDateTime localDateTime, string zoneId, DstResolutionKind kind, string? paramName = null)
        : base(Describe(localDateTime, zoneId, kind), paramName)
    {
        LocalDateTime = localDateTime;
        ZoneId = zoneId;
        Kind = kind;
    }

    /// <summary>Gets the local date-time that could not be resolved.</summary>
    public LocalDateTime LocalDateTime { get; }

    /// <summary>Gets the id of the time zone.</summary>
    public string ZoneId { get; }

    /// <summary>Gets whether the local time was skipped or ambiguous.</summary>
    public DstResolutionKind Kind { get; }

    internal static string Describe(LocalDateTime localDateTime, string zoneId, DstResolutionKind kind)
    {
        var text = LocalDateTimePattern.ExtendedIso.Format(localDateTime);
        return kind == DstResolutionKind.Skipped
            ? string.Format(
                CultureInfo.InvariantCulture,
                "Local time {0} does not exist in time zone {1} (the clocks skip it for daylight saving time). Choose another time, or pass a DstPolicy whose SkippedTimeResolution is EndOfGap or ShiftForward.",
                text,
                zoneId)
            : string.Format(
                CultureInfo.InvariantCulture,
                "Local time {0} occurs twice in time zone {1} (the clocks fall back over it). Choose another time, or pass a DstPolicy whose AmbiguousTimeResolution is EarlierOffset or LaterOffset.",
                text,
                zoneId);
    }
}
