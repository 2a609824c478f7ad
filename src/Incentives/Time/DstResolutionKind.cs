namespace Incentives.Time;

/// <summary>Why a local date-time could not be mapped to a single instant.</summary>
public enum DstResolutionKind
{
    /// <summary>The local time does not exist (the clocks jumped over it).</summary>
    Skipped = 0,

    /// <summary>The local time occurs twice (the clocks fell back over it).</summary>
    Ambiguous = 1,
}
