using System;
using System.Collections.Generic;

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

    /// <summary>Returns the caps that are set, e.g. <c>MaxAmountPerCampaign=CNY 100.00, MaxGrantsPerDay=3</c>.</summary>
    /// <returns>A culture-invariant description.</returns>
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (MaxAmountPerCampaign is { } a)
        {
            parts.Add($"MaxAmountPerCampaign={a}");
        }

        if (MaxGrantsPerCampaign is { } g)
        {
            parts.Add(FormattableString.Invariant($"MaxGrantsPerCampaign={g}"));
        }

        if (MaxAmountPerDay is { } da)
        {
            parts.Add($"MaxAmountPerDay={da}");
        }

        if (MaxGrantsPerDay is { } dg)
        {
            parts.Add(FormattableString.Invariant($"MaxGrantsPerDay={dg}"));
        }

        return parts.Count == 0 ? "no caps" : string.Join(", ", parts);
    }
}
