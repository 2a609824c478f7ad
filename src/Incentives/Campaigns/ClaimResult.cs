using System;
using System.Collections.Generic;
using System.Linq;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>
/// The outcome of <see cref="CampaignEngine.ClaimAsync"/>: the grants made (possibly several when campaigns stack) and, for every
/// campaign that did not grant, why.
/// </summary>
/// <remarks>
/// A claim is granted when <see cref="Grants"/> is not empty. <see cref="Denials"/> may be non-empty on a granted claim: campaigns
/// that did not apply, were not selected, or whose budget refused while another stacked campaign granted.
/// </remarks>
/// <threadsafety>Immutable.</threadsafety>
public sealed class ClaimResult
{
    private static readonly CampaignGrant[] NoGrants = [];
    private static readonly DenialReason[] NoDenials = [];

    internal ClaimResult(string idempotencyKey, string participantId, CampaignGrant[]? grants, DenialReason[]? denials, bool isReplay, Instant keepUntil = default)
    {
        IdempotencyKey = idempotencyKey;
        ParticipantId = participantId;
        Grants = grants ?? NoGrants;
        Denials = denials ?? NoDenials;
        IsReplay = isReplay;
        KeepUntil = keepUntil;
    }

    /// <summary>Gets the caller's idempotency key.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Gets the participant who claimed.</summary>
    public string ParticipantId { get; }

    /// <summary>Gets whether at least one campaign granted.</summary>
    public bool IsGranted => Grants.Count > 0;

    /// <summary>Gets the grants, in priority order.</summary>
    public IReadOnlyList<CampaignGrant> Grants { get; }

    /// <summary>Gets, for each campaign that did not grant, why.</summary>
    public IReadOnlyList<DenialReason> Denials { get; }

    /// <summary>Gets whether this result was returned for a retry with the same idempotency key (nothing new was reserved).</summary>
    public bool IsReplay { get; }

    /// <summary>
    /// Gets the instant until which the engine must remember this result for retries: the claim's instant, or the latest expiry of
    /// its holds when later (a grant can no longer be held after it). See <see cref="CampaignEngine.PruneSettled"/>.
    /// </summary>
    internal Instant KeepUntil { get; }

    /// <summary>Gets the first grant's reference; convenient when campaigns never stack.</summary>
    /// <exception cref="InvalidOperationException">The claim was denied.</exception>
    public CampaignGrant Grant => Grants.Count > 0 ? Grants[0] : throw new InvalidOperationException("The claim was denied; see Denials.");

    /// <summary>Returns the total granted in <paramref name="currency"/>.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>The sum of the grants in that currency (zero when none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    public Money TotalIn(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var total = Money.Zero(currency);
        foreach (var grant in Grants)
        {
            if (grant.Amount.Currency == currency)
            {
                total += grant.Amount;
            }
        }

        return total;
    }

    /// <summary>Returns the reasons of one campaign.</summary>
    /// <param name="campaignId">The campaign id.</param>
    /// <returns>The reasons (empty when the campaign granted or was not considered).</returns>
    public IEnumerable<DenialReason> ReasonsFor(string campaignId) => Denials.Where(d => d.CampaignId == campaignId);

    /// <summary>Returns the same result marked as a replay.</summary>
    internal ClaimResult AsReplay() => IsReplay ? this : new(IdempotencyKey, ParticipantId, (CampaignGrant[])Grants, (DenialReason[])Denials, true, KeepUntil);

    /// <summary>Returns a summary such as <c>granted spring-festival:R1 8.88 CNY</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsGranted
        ? "granted " + string.Join(", ", Grants.Select(g => $"{g.Reference} {g.Amount}")) + (IsReplay ? " (replay)" : string.Empty)
        : "denied " + string.Join("; ", Denials.Select(d => d.ToString())) + (IsReplay ? " (replay)" : string.Empty);
}
