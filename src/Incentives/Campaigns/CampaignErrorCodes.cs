namespace Incentives.Campaigns;

/// <summary>The <c>ErrorCode</c>s of the validation failures of a campaign or a programme (definition or code-built).</summary>
/// <remarks>Failures of the composed parts (window, rule, reward, budget tree) keep the codes of their own areas.</remarks>
public static class CampaignErrorCodes
{
    /// <summary>A campaign id is missing or not of the form <c>[a-z0-9][a-z0-9._-]*</c>.</summary>
    public const string InvalidId = "campaign.invalid-id";

    /// <summary>Two campaigns have the same id.</summary>
    public const string DuplicateId = "campaign.duplicate-id";

    /// <summary>Two budgets have the same id, or a budget id is missing or malformed.</summary>
    public const string InvalidBudgetId = "campaign.invalid-budget-id";

    /// <summary>Two budgets of a programme have the same id.</summary>
    public const string DuplicateBudgetId = "campaign.duplicate-budget-id";

    /// <summary>The campaign draws from a budget the programme (or the engine) does not have.</summary>
    public const string UnknownBudget = "campaign.unknown-budget";

    /// <summary>The reward's currency differs from the budget's (or from the campaign's declared currency).</summary>
    public const string CurrencyMismatch = "campaign.currency-mismatch";

    /// <summary>A budget path (explicit, fallback, or a template for a channel and category the rule allows) names no node of the tree.</summary>
    public const string UnknownNode = "campaign.unknown-node";

    /// <summary>A path template is malformed (an unknown placeholder, an empty segment).</summary>
    public const string InvalidTemplate = "campaign.invalid-template";

    /// <summary>The window's slots never occur: the campaign can never be claimed.</summary>
    public const string NoSlotLeft = "campaign.no-slot-left";

    /// <summary>The campaign's window reaches outside the budget tree's window, where the ledger refuses every reservation.</summary>
    public const string WindowOutsideBudget = "campaign.window-outside-budget";

    /// <summary>The hold time is missing, malformed, not positive or has calendar units.</summary>
    public const string InvalidHold = "campaign.invalid-hold";

    /// <summary>The stacking mode is not one of <c>exclusive</c>, <c>stackable</c>, <c>bestForParticipant</c>.</summary>
    public const string InvalidStacking = "campaign.invalid-stacking";

    /// <summary>A required part (window, reward, budget) is missing.</summary>
    public const string Required = "campaign.required";

    /// <summary>A part (window, rule, reward, tree) was refused by its own builder for a reason its validator does not cover.</summary>
    public const string InvalidPart = "campaign.invalid-part";

    /// <summary>A name or another text is empty.</summary>
    public const string Empty = "campaign.empty";
}
