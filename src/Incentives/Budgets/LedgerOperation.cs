namespace Incentives.Budgets;

/// <summary>The settlement operations of a ledger.</summary>
public enum LedgerOperation
{
    /// <summary>A reservation committed in full or in part.</summary>
    Commit = 1,

    /// <summary>A reservation released.</summary>
    Release = 2,

    /// <summary>A committed grant refunded in full or in part.</summary>
    Refund = 3,
}
