using System.Collections.Generic;
using System.Linq;

namespace Incentives.Campaigns;

/// <summary>
/// The dry run of a claim (<see cref="CampaignEngine.QuoteAsync"/>): which campaigns apply, what each would give, which would be
/// selected, and why the others do not apply. Nothing is reserved and no envelope is opened.
/// </summary>
/// <remarks>
/// A quote is not a promise: it checks windows, eligibility, rewards and routes, not the budget's or the participant's remaining
/// room (another claim may take it in between). <see cref="CampaignEngine.ClaimAsync"/> decides.
/// </remarks>
/// <param name="Offers">The campaigns that apply, in priority order.</param>
/// <param name="Denials">Why the other campaigns do not apply.</param>
public sealed record ClaimQuote(IReadOnlyList<CampaignOffer> Offers, IReadOnlyList<DenialReason> Denials)
{
    /// <summary>Gets the offers that priority and stacking would select.</summary>
    public IEnumerable<CampaignOffer> Selected => Offers.Where(o => o.IsSelected);

    /// <summary>Gets whether at least one campaign applies.</summary>
    public bool HasOffers => Offers.Count > 0;
}
