namespace Incentives.Campaigns;

/// <summary>What one campaign would give for a claim, as reported by <see cref="CampaignEngine.QuoteAsync"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="NodePath">The budget node the claim would draw from.</param>
/// <param name="Amount">The amount, or <see langword="null"/> when it is drawn at random at claim time (random range, red envelope).</param>
/// <param name="Minimum">The least the claim could get (equal to <paramref name="Amount"/> when known).</param>
/// <param name="Maximum">The most the claim could get (equal to <paramref name="Amount"/> when known).</param>
/// <param name="EnvelopesRemaining">For a red-envelope reward, how many envelopes the pool has left; otherwise <see langword="null"/>.</param>
/// <param name="IsSelected">Whether priority and stacking would choose this campaign (assuming its budget has room).</param>
public sealed record CampaignOffer(
    string CampaignId, string NodePath, Money? Amount, Money Minimum, Money Maximum, int? EnvelopesRemaining, bool IsSelected);
