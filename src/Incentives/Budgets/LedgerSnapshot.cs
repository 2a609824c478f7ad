using System;
using System.Collections.Generic;
using System.Linq;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>Every node of a ledger, read at one consistent point (no operation half applied).</summary>
/// <param name="AsOf">The instant the released amounts are computed for: the later of the instant asked and the ledger's latest instant.</param>
/// <param name="Nodes">Every node, in the tree's order (parents first).</param>
public sealed record LedgerSnapshot(Instant AsOf, IReadOnlyList<BudgetNodeSnapshot> Nodes)
{
    /// <summary>Gets the snapshot of one node.</summary>
    /// <param name="path">The node's path.</param>
    /// <returns>The node's snapshot.</returns>
    /// <exception cref="ArgumentException">No node has that path.</exception>
    public BudgetNodeSnapshot this[string path] =>
        Nodes.FirstOrDefault(n => string.Equals(n.Path, path, StringComparison.Ordinal))
        ?? throw new ArgumentException($"The snapshot has no node '{path}'.", nameof(path));
}
