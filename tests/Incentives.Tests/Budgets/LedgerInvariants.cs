using System.Collections.Generic;
using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>The ledger invariants, checked on one consistent snapshot.</summary>
internal static class LedgerInvariants
{
    /// <summary>Returns every violated invariant (empty when all hold).</summary>
    public static List<string> Violations(BudgetTree tree, LedgerSnapshot snapshot)
    {
        var problems = new List<string>();
        foreach (var node in snapshot.Nodes)
        {
            Check(problems, node.Path, node.Limit.MinorUnits, node.Released.MinorUnits, node.Reserved.MinorUnits, node.Committed.MinorUnits, node.Available.MinorUnits);
            long reservedByDay = 0;
            long committedByDay = 0;
            long planned = 0;
            foreach (var day in node.Days)
            {
                Check(problems, $"{node.Path} {day.Day}", day.Limit.MinorUnits, day.Released.MinorUnits, day.Reserved.MinorUnits, day.Committed.MinorUnits, day.Available.MinorUnits);
                if (day.CarriedIn.IsNegative)
                {
                    problems.Add($"{node.Path} {day.Day}: carried in {day.CarriedIn} is negative");
                }

                reservedByDay += day.Reserved.MinorUnits;
                committedByDay += day.Committed.MinorUnits;
                planned += day.Planned.MinorUnits;
            }

            if (node.Days.Count > 0 && (reservedByDay != node.Reserved.MinorUnits || committedByDay != node.Committed.MinorUnits || planned != node.Limit.MinorUnits))
            {
                problems.Add($"{node.Path}: the days ({reservedByDay} reserved, {committedByDay} committed, {planned} planned) do not add up to the node");
            }

            var treeNode = tree.GetNode(node.Path);
            long childrenUsed = 0;
            foreach (var child in treeNode.Children)
            {
                var c = snapshot[child.Path];
                childrenUsed += c.Reserved.MinorUnits + c.Committed.MinorUnits;
            }

            if (treeNode.Children.Count > 0 && childrenUsed > node.Reserved.MinorUnits + node.Committed.MinorUnits)
            {
                problems.Add($"{node.Path}: its children use {childrenUsed}, more than the node itself");
            }
        }

        return problems;
    }

    private static void Check(List<string> problems, string where, long limit, long released, long reserved, long committed, long available)
    {
        if (reserved < 0 || committed < 0 || available < 0 || released < 0)
        {
            problems.Add($"{where}: a negative figure (reserved {reserved}, committed {committed}, available {available}, released {released})");
        }

        if (limit != available + reserved + committed)
        {
            problems.Add($"{where}: limit {limit} != available {available} + reserved {reserved} + committed {committed}");
        }

        if (reserved + committed > released || released > limit)
        {
            problems.Add($"{where}: reserved {reserved} + committed {committed} <= released {released} <= limit {limit} is violated");
        }
    }
}
