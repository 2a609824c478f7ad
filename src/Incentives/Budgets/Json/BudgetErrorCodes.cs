namespace Incentives.Budgets.Json;

/// <summary>
/// The <c>ErrorCode</c>s of <see cref="BudgetTreeDefinitionValidator"/>: lower-case, dot-separated, kebab-case. Missing values use
/// <see cref="Serialization.DefinitionErrorCodes.Required"/>, amounts and currencies the <c>money.*</c> codes of
/// <see cref="Serialization.MoneyDefinitionValidator"/>, and the window the <c>time.*</c> codes of the Time area.
/// </summary>
public static class BudgetErrorCodes
{
    /// <summary>The definition has no nodes.</summary>
    public const string NodesEmpty = "budget.nodes-empty";

    /// <summary>An entry of <c>nodes</c> is null.</summary>
    public const string NodeNull = "budget.node-null";

    /// <summary>A node id is missing or malformed (segments of letters, digits, <c>-</c>, <c>_</c> or <c>.</c> separated by <c>/</c>).</summary>
    public const string NodeIdInvalid = "budget.node-id-invalid";

    /// <summary>Two nodes have the same id.</summary>
    public const string NodeDuplicate = "budget.node-duplicate";

    /// <summary>A second node has a single-segment id.</summary>
    public const string SecondRoot = "budget.second-root";

    /// <summary>No node has a single-segment id.</summary>
    public const string NoRoot = "budget.no-root";

    /// <summary>A node's parent is not defined.</summary>
    public const string ParentMissing = "budget.parent-missing";

    /// <summary>An amount is in another currency than the tree's (that of the first limit).</summary>
    public const string CurrencyMismatch = "budget.currency-mismatch";

    /// <summary>A pacing plan or a per-day cap is defined but the tree has no window.</summary>
    public const string WindowRequired = "budget.window-required";

    /// <summary>The window has slots or participant-local time; campaign days must be whole and the same for everyone.</summary>
    public const string WindowUnsupported = "budget.window-unsupported";

    /// <summary>A pacing split is neither <c>even</c> nor <c>weighted</c>.</summary>
    public const string SplitUnknown = "budget.split-unknown";

    /// <summary>A weighted split has no weights.</summary>
    public const string WeightsRequired = "budget.weights-required";

    /// <summary>The number of day weights differs from the number of campaign days.</summary>
    public const string WeightsCountMismatch = "budget.weights-count-mismatch";

    /// <summary>Weights are given where the split or release does not use them.</summary>
    public const string WeightsNotAllowed = "budget.weights-not-allowed";

    /// <summary>A weight is negative.</summary>
    public const string WeightNegative = "budget.weight-negative";

    /// <summary>Every weight is zero.</summary>
    public const string WeightsAllZero = "budget.weights-all-zero";

    /// <summary>A release within the day is not <c>allAtStart</c>, <c>linear</c> nor <c>steps</c>.</summary>
    public const string WithinDayUnknown = "budget.within-day-unknown";

    /// <summary>A <c>caps</c> object sets no cap.</summary>
    public const string CapsEmpty = "budget.caps-empty";

    /// <summary>An amount cap is zero or a grant cap is below one.</summary>
    public const string CapNotPositive = "budget.cap-not-positive";
}
