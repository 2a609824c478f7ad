namespace Incentives.Budgets;

/// <summary>What a participant has used against one cap of one node (for per-day caps, on one day).</summary>
/// <param name="NodePath">The node holding the cap.</param>
/// <param name="Cap">Which cap.</param>
/// <param name="DayNumber">The 1-based campaign day for per-day caps, 0 for per-campaign caps.</param>
/// <param name="Limit">The cap: minor units for amount caps, a count for grant caps.</param>
/// <param name="Used">Held and granted against it, in the same unit.</param>
public readonly record struct ParticipantCapUsage(string NodePath, CapKind Cap, int DayNumber, long Limit, long Used)
{
    /// <summary>Gets what is left: <c>Limit - Used</c>.</summary>
    public long Remaining => Limit - Used;
}
