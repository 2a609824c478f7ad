namespace Incentives.Time.Json;

/// <summary>The machine-readable <c>ErrorCode</c> of each validation failure of a <see cref="CampaignWindowDefinition"/>.</summary>
public static class WindowErrorCodes
{
    /// <summary>A required value is missing.</summary>
    public const string Required = "time.required";

    /// <summary>The zone id is not a TZDB zone.</summary>
    public const string UnknownZone = "time.zone.unknown";

    /// <summary>A date, time, date-time or period does not match its pattern.</summary>
    public const string Malformed = "time.malformed";

    /// <summary>None, or more than one, of <c>end</c>, <c>days</c> and <c>period</c> is given.</summary>
    public const string Length = "time.length";

    /// <summary>The window's end is not after its start (or <c>days</c>/<c>period</c> is not positive).</summary>
    public const string EndNotAfterStart = "time.end.notAfterStart";

    /// <summary>A value is not one of the allowed words (time reference, DST resolution, day of the week).</summary>
    public const string UnknownValue = "time.unknownValue";

    /// <summary>A local time is skipped or ambiguous in the zone and the DST policy rejects it.</summary>
    public const string Dst = "time.dst";

    /// <summary><c>slots</c> is an empty list, or a slot's start equals its end.</summary>
    public const string EmptySlot = "time.slot.empty";

    /// <summary>Two slots overlap inside the window.</summary>
    public const string OverlappingSlots = "time.slot.overlap";

    /// <summary>A slot never starts inside the window.</summary>
    public const string SlotNeverOccurs = "time.slot.neverOccurs";

    /// <summary>The JSON itself could not be read (syntax, or a value of the wrong JSON type).</summary>
    public const string InvalidJson = "time.json";
}
