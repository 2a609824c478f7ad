using Incentives.Budgets;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>One grant of a claim: the campaign, the reservation that holds the amount, and when the hold expires.</summary>
/// <param name="CampaignId">The campaign that granted.</param>
/// <param name="BudgetId">The budget (ledger) the amount is reserved in.</param>
/// <param name="NodePath">The budget node the amount was drawn from.</param>
/// <param name="ReservationId">The reservation in the ledger: commit it when the order is paid, release it when cancelled.</param>
/// <param name="Amount">The amount granted.</param>
/// <param name="ReservedAt">The claim's instant.</param>
/// <param name="ExpiresAt">When the hold expires unless committed (the claim's instant plus the campaign's hold).</param>
public sealed record CampaignGrant(
    string CampaignId, string BudgetId, string NodePath, ReservationId ReservationId, Money Amount, Instant ReservedAt, Instant ExpiresAt)
{
    /// <summary>Gets the reference to pass to <see cref="CampaignEngine.CommitAsync(GrantReference, Money, Instant?, System.Threading.CancellationToken)"/> and friends.</summary>
    public GrantReference Reference => new(CampaignId, ReservationId);
}
