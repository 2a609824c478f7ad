using System;
using System.Collections.Generic;
using Incentives.Budgets;
using Incentives.Eligibility;
using Incentives.Rewards;

namespace Incentives.Campaigns;

/// <summary>Why one campaign did not grant a claim: a machine-readable <see cref="Code"/>, a message, and the details behind it.</summary>
/// <remarks>Codes are listed in <see cref="ClaimDenialCodes"/>.</remarks>
public sealed class DenialReason
{
    private static readonly EligibilityFailure[] NoFailures = [];

    /// <summary>Initializes a reason.</summary>
    /// <param name="campaignId">The campaign, or <see langword="null"/> for a reason about the claim as a whole (no campaigns, a reused key).</param>
    /// <param name="code">The code (see <see cref="ClaimDenialCodes"/>).</param>
    /// <param name="message">A message a person can read.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DenialReason(string? campaignId, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        CampaignId = campaignId;
        Code = code;
        Message = message;
    }

    /// <summary>Gets the campaign that did not grant, or <see langword="null"/> for a reason about the claim as a whole.</summary>
    public string? CampaignId { get; }

    /// <summary>Gets the code, one of <see cref="ClaimDenialCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Gets a message a person can read.</summary>
    public string Message { get; }

    /// <summary>Gets the budget node that denied (budget and cap reasons), or <see langword="null"/>.</summary>
    public string? NodePath { get; init; }

    /// <summary>Gets the failed parts of the eligibility rule (for <see cref="ClaimDenialCodes.NotEligible"/>), each with its own code and path.</summary>
    public IReadOnlyList<EligibilityFailure> EligibilityFailures { get; init; } = NoFailures;

    /// <summary>Gets why the reward policy gave nothing (for <see cref="ClaimDenialCodes.NoReward"/> and <see cref="ClaimDenialCodes.PoolExhausted"/>), or <see langword="null"/>.</summary>
    public NoRewardReason? RewardReason { get; init; }

    /// <summary>Gets the ledger's denial (for budget and cap reasons), or <see langword="null"/>.</summary>
    public BudgetDenial? BudgetDenial { get; init; }

    /// <summary>Returns <c>campaign: code: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => CampaignId is null ? $"{Code}: {Message}" : $"{CampaignId}: {Code}: {Message}";
}
