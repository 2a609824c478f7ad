using Incentives.Budgets;

namespace Incentives.Campaigns;

/// <summary>The machine-readable codes of <see cref="DenialReason.Code"/>: why a campaign did not grant a claim.</summary>
/// <remarks>
/// Eligibility failures keep their own codes (<see cref="Eligibility.EligibilityCodes"/>) in <see cref="DenialReason.EligibilityFailures"/>.
/// A ledger refusal keeps the ledger's code (<see cref="BudgetDenialCodes"/>, e.g. <c>ledger.idempotency-key-conflict</c>), with the
/// ledger's <see cref="BudgetDenial"/> in <see cref="DenialReason.BudgetDenial"/>.
/// </remarks>
public static class ClaimDenialCodes
{
    /// <summary>The engine has no campaigns at all.</summary>
    public const string NoCampaigns = "claim.no-campaigns";

    /// <summary>The claim's instant is before the campaign's window.</summary>
    public const string WindowNotStarted = "window.not-started";

    /// <summary>The claim's instant is at or after the end of the campaign's window.</summary>
    public const string WindowEnded = "window.ended";

    /// <summary>The claim's instant is inside the window but outside every slot.</summary>
    public const string OutsideSlots = "window.outside-slots";

    /// <summary>The eligibility rule failed; <see cref="DenialReason.EligibilityFailures"/> says which parts and why.</summary>
    public const string NotEligible = "eligibility.not-eligible";

    /// <summary>The reward policy gives nothing for this claim; <see cref="DenialReason.RewardReason"/> says why.</summary>
    public const string NoReward = "reward.none";

    /// <summary>The reward's envelope pool is empty.</summary>
    public const string PoolExhausted = "reward.pool-exhausted";

    /// <summary>The campaign's budget route resolves to no node of the budget tree for this channel and category.</summary>
    public const string NoBudgetNode = "budget.no-node";

    /// <summary>A node on the budget path has no money left for this amount; <see cref="DenialReason.NodePath"/> names it (the ledger's <see cref="BudgetDenialCodes.Exhausted"/>).</summary>
    public const string BudgetExhausted = BudgetDenialCodes.Exhausted;

    /// <summary>The day's paced budget of a node is used up (more is released later); <see cref="DenialReason.NodePath"/> names it.</summary>
    public const string DayExhausted = BudgetDenialCodes.DayExhausted;

    /// <summary>The participant's amount cap on a node is reached.</summary>
    public const string CapAmountReached = BudgetDenialCodes.CapAmountReached;

    /// <summary>The participant's grant-count cap on a node is reached.</summary>
    public const string CapCountReached = BudgetDenialCodes.CapCountReached;

    /// <summary>The budget tree is outside its own window at the claim's instant.</summary>
    public const string BudgetOutsideWindow = BudgetDenialCodes.OutsideWindow;

    /// <summary>The campaign applied but another campaign was chosen by priority and stacking.</summary>
    public const string NotSelected = "stacking.not-selected";

    /// <summary>The idempotency key was first used for a claim by another participant.</summary>
    public const string KeyConflict = "claim.key-conflict";
}
