namespace Incentives.Budgets;

/// <summary>
/// Limits per participant on a budget node: a maximum amount and/or a maximum number of grants, over the whole
/// campaign and/or per campaign day. They apply to every reservation whose path goes through the node.
/// </summary>
/// <remarks>
/// A reservation counts against a cap while it is held and once it is committed: its amount (the committed
/// amount after a partial commit) and one grant. A release or an expiry gives both back; a refund gives the
/// refunded amount back, and a refund of the whole committed amount also gives the grant back. Per-day caps count
/// on the campaign day of the reservation's instant. Null means "no such cap". Equality is by value.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record ParticipantCaps
{
    /// <summary>Gets the most a participant may hold and be granted over the whole campaign, or null.</summary>
    public Money? MaxAmountPerCampaign { get; init; }

    /// <summary>Gets the most grants a participant may hold and be granted over the whole campaign, or null.</summary>
    public int? MaxGrantsPerCampaign { get; init; }

    /// <summary>Gets the most a participant may hold and be granted on one campaign day, or null.</summary>
    public Money? MaxAmountPerDay { get; init; }

    /// <summary>Gets the most grants a participant may hold and be granted on one campaign day, or null.</summary>
    public int? MaxGrantsPerDay { get; init; }

    /// <summary>Gets a value indicating whether any per-day cap is set (these need a campaign window).</summary>
    public bool HasDailyCaps => MaxAmountPerDay is not null || MaxGrantsPerDay is not null;

    /// <summary>Gets a value indicating whether no cap is set at all.</summary>
    public bool IsEmpty => MaxAmountPerCampaign is null && MaxGrantsPerCampaign is null && !HasDailyCaps;
}
