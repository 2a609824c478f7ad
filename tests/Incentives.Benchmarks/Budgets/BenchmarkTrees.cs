using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;

namespace Incentives.Benchmarks.Budgets;

/// <summary>Shared set-up of the budget benchmarks.</summary>
public static class BenchmarkTrees
{
    /// <summary>Builds a chain of <paramref name="levels"/> nodes with room for every benchmark operation.</summary>
    /// <param name="levels">The depth.</param>
    /// <returns>The tree and the path of its deepest node (the node's own <see cref="BudgetNode.Path"/> instance).</returns>
    public static (BudgetTree Tree, string Path) Path(int levels)
    {
        var builder = new BudgetTreeBuilder(Currency.CNY);
        var path = "campaign";
        builder.Add(path, Money.FromMinorUnits(long.MaxValue / 4, Currency.CNY));
        foreach (var segment in new[] { "app", "category" }.Take(levels - 1))
        {
            path += "/" + segment;
            builder.Add(path, Money.FromMinorUnits(long.MaxValue / 4, Currency.CNY));
        }

        // The path as the campaign engine passes it: the node's own Path string.
        var tree = builder.Build();
        return (tree, tree.GetNode(path).Path);
    }

    /// <summary>Creates distinct idempotency keys once, so that the measured loop does not format strings.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The keys.</returns>
    public static string[] Keys(int count) =>
        Enumerable.Range(0, count).Select(i => "claim-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Adds <paramref name="amount"/> to <paramref name="cell"/> if the result stays within <paramref name="limit"/>.</summary>
    /// <param name="cell">The shared counter.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="limit">The limit.</param>
    /// <returns>True when added.</returns>
    public static bool TryAdd(ref long cell, long amount, long limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref cell);
            if (current + amount > limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref cell, current + amount, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Gets the result of a ledger operation without an allocation when it completed synchronously (the in-memory
    /// ledger always does), so that the measured loop shows what the ledger itself costs.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The operation.</param>
    /// <returns>The result.</returns>
    public static T Sync<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
