using System.Collections.Generic;

namespace Incentives.Budgets;

/// <summary>One node of a ledger as of a snapshot's instant.</summary>
/// <remarks><c>Limit == Available + Reserved + Committed</c> and <c>Reserved + Committed &lt;= Released &lt;= Limit</c> always hold.</remarks>
/// <param name="Path">The node's path.</param>
/// <param name="Limit">The node's limit.</param>
/// <param name="Released">How much the pacing plan has released so far (the limit when the node is not paced).</param>
/// <param name="Reserved">Held on reservations.</param>
/// <param name="Committed">Committed on grants, net of refunds.</param>
/// <param name="Available">Not yet used: <c>Limit - Reserved - Committed</c> (part of it may not be released yet).</param>
/// <param name="Days">The per-day figures of a paced node; empty when the node is not paced.</param>
public sealed record BudgetNodeSnapshot(
    string Path, Money Limit, Money Released, Money Reserved, Money Committed, Money Available, IReadOnlyList<BudgetDaySnapshot> Days);
