using System;
using System.Collections.Generic;

namespace Incentives.Budgets;

/// <summary>
/// One budget of a <see cref="BudgetTree"/>: a path-like id such as <c>spring-festival/marketplace/food</c>, a limit,
/// and optionally a pacing plan and participant caps.
/// </summary>
/// <remarks>
/// A reservation on a node also applies to every ancestor. A child's limit may be smaller than its parent's, and the
/// children of a node may together over-subscribe it: the parent's own limit still holds.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class BudgetNode
{
    private readonly List<BudgetNode> children = [];
    private readonly Money[] dayAmounts;

    internal BudgetNode(string path, BudgetNode? parent, Money limit, PacingPlan? pacing, ParticipantCaps? caps, Money[] dayAmounts, int index)
    {
        Path = path;
        Parent = parent;
        Limit = limit;
        Pacing = pacing;
        Caps = caps;
        this.dayAmounts = dayAmounts;
        Index = index;
        Depth = parent is null ? 0 : parent.Depth + 1;
        PathIndices = parent is null ? [index] : [.. parent.PathIndices, index];
        DayAmountUnits = Array.ConvertAll(dayAmounts, m => m.MinorUnits);

        parent?.children.Add(this);
    }

    /// <summary>Gets the node's id: its path from the root, segments separated by <c>/</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the last segment of <see cref="Path"/>.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Gets the parent node, or null for the root.</summary>
    public BudgetNode? Parent { get; }

    /// <summary>Gets the node's children, in the order they were defined.</summary>
    public IReadOnlyList<BudgetNode> Children => children;

    /// <summary>Gets the depth: 0 for the root.</summary>
    public int Depth { get; }

    /// <summary>Gets the most that may ever be reserved and committed on this node at once.</summary>
    public Money Limit { get; }

    /// <summary>Gets the pacing plan, or null when the whole limit is available from the start.</summary>
    public PacingPlan? Pacing { get; }

    /// <summary>Gets the participant caps of this node, or null.</summary>
    public ParticipantCaps? Caps { get; }

    /// <summary>Gets the exact amount planned for each campaign day (empty without pacing); they sum to <see cref="Limit"/>.</summary>
    public IReadOnlyList<Money> DayAmounts => dayAmounts;

    internal int Index { get; }

    internal int[] PathIndices { get; }

    internal long[] DayAmountUnits { get; }

    internal long[][]? StepCumulativeUnits { get; set; }

    internal int CapSlot { get; set; } = -1;

    internal bool HasCapsOnPath { get; set; }

    /// <summary>Returns the path.</summary>
    /// <returns>The node's path.</returns>
    public override string ToString() => Path;
}
