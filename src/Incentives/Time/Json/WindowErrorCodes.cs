using Incentives.Serialization;

namespace Incentives.Time.Json;

/// <summary>
/// The machine-readable <c>ErrorCode</c> of each validation failure of a <see cref="CampaignWindowDefinition"/>: lower-case,
/// dot-separated, kebab-case (<c>time.what-is-wrong</c>). JSON that cannot be read at all is reported by
/// <see cref="DefinitionJson"/> with <see cref="DefinitionErrorCodes.InvalidJson"/> (<c>json.invalid</c>).
/// </summary>
public static class WindowErrorCodes
{
    /// <summary>A required value is missing: <c>time.required</c>.</summary>
    public const string Required = "time.required";

    /// <summary>The zone id is not a TZDB zone: <c>time.unknown-zone</c>.</summary>
    public const string UnknownZone = "time.unknown-zone";

    /// <summary>A date, time, date-time or period does not match its pattern: <c>time.malformed</c>.</summary>
    public const string Malformed = "time.malformed";

    /// <summary>None, or more than one, of <c>end</c>, <c>days</c> and <c>period</c> is given: <c>time.length-not-single</c>.</summary>
    public const string Length = "time.length-not-single";

    /// <summary>The window's end is not after its start (or <c>days</c>/<c>period</c> is not positive): <c>time.end-not-after-start</c>.</summary>
    public const string EndNotAfterStart = "time.end-not-after-start";

    /// <summary>
    /// A value is outside the supported range: <c>days</c> above <see cref="CampaignWindowJson.MaxDays"/>, a window longer than
    /// <see cref="CampaignWindowJson.MaxDays"/> local days, or a start or end outside years
    /// <see cref="CampaignWindowJson.MinYear"/>-<see cref="CampaignWindowJson.MaxYear"/>: <c>time.out-of-range</c>.
    /// </summary>
    public const string OutOfRange = "time.out-of-range";

    /// <summary>A value is not one of the allowed words (time reference, DST resolution, day of the week): <c>time.unknown-value</c>.</summary>
    public const string UnknownValue = "time.unknown-value";

    /// <summary>A local time is skipped or ambiguous in the zone and the DST policy rejects it: <c>time.dst-rejected</c>.</summary>
    public const string Dst = "time.dst-rejected";

    /// <summary><c>slots</c> is an empty list, or a slot's start equals its end: <c>time.slot-empty</c>.</summary>
    public const string EmptySlot = "time.slot-empty";

    /// <summary>Two slots overlap inside the window: <c>time.slot-overlap</c>.</summary>
    public const string OverlappingSlots = "time.slot-overlap";

    /// <summary>A slot never starts inside the window: <c>time.slot-never-occurs</c>.</summary>
    public const string SlotNeverOccurs = "time.slot-never-occurs";
}
