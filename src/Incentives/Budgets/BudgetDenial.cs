using System;

namespace Incentives.Budgets;

/// <summary>Why a ledger operation did not happen: a code, a message, and the node or cap concerned with what was left.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class BudgetDenial
{
    /// <summary>Initializes a denial.</summary>
    /// <param name="code">The machine-readable reason.</param>
    /// <param name="message">A message a person can act on.</param>
    /// <param name="nodePath">The node whose limit, pacing or cap refused, or null.</param>
    /// <param name="cap">The cap that refused, or null.</param>
    /// <param name="remaining">How much was left on the refusing limit (never negative), or null when not about an amount.</param>
    /// <param name="remainingGrants">How many grants were left on the refusing count cap, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is not a defined value.</exception>
    public BudgetDenial(BudgetDenialCode code, string message, string? nodePath = null, CapKind? cap = null, Money? remaining = null, int? remainingGrants = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _ = code.ToCode();
        Code = code;
        Message = message;
        NodePath = nodePath;
        Cap = cap;
        Remaining = remaining;
        RemainingGrants = remainingGrants;
    }

    /// <summary>Gets the machine-readable reason.</summary>
    public BudgetDenialCode Code { get; }

    /// <summary>Gets the stable text of <see cref="Code"/>, e.g. <c>budget.exhausted</c> or <c>cap.count-reached</c> (see <see cref="BudgetDenialCodes"/>).</summary>
    public string ReasonCode => Code.ToCode();

    /// <summary>Gets a message a person can act on.</summary>
    public string Message { get; }

    /// <summary>Gets the node whose limit, pacing or cap refused, or null.</summary>
    public string? NodePath { get; }

    /// <summary>Gets the cap that refused, or null.</summary>
    public CapKind? Cap { get; }

    /// <summary>Gets how much was left on the refusing limit, or null.</summary>
    public Money? Remaining { get; }

    /// <summary>Gets how many grants were left on the refusing count cap, or null.</summary>
    public int? RemainingGrants { get; }

    /// <summary>Returns <c>ReasonCode: Message</c>, e.g. <c>budget.exhausted: 'root' has CNY 0.00 left of its limit CNY 100.00.</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{ReasonCode}: {Message}";
}
