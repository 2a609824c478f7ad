using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Incentives.Time;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// A validated, immutable budget tree: one currency, one root, any depth, optionally a campaign window whose days
/// drive pacing plans and per-day caps. Build one with <see cref="BudgetTreeBuilder"/> or load one from JSON with
/// <see cref="Json.BudgetTreeJson"/>.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class BudgetTree
{
    private readonly Dictionary<string, BudgetNode> byPath;
    private readonly BudgetNode[] nodes;

    // Nodes by the identity hash of their own Path string: a caller that passes node.Path (the campaign engine does)
    // finds its node without hashing the text. Immutable after construction; a miss falls back to byPath.
    private readonly BudgetNode?[] byPathInstance;

    internal BudgetTree(Currency currency, CampaignWindow? window, BudgetNode[] nodes, int capSlots)
    {
        Currency = currency;
        Window = window;
        this.nodes = nodes;
        CapSlotCount = capSlots;
        byPath = new Dictionary<string, BudgetNode>(nodes.Length, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byPath.Add(node.Path, node);
        }

        byPathInstance = new BudgetNode?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(nodes.Length * 2))];
        foreach (var node in nodes)
        {
            byPathInstance[RuntimeHelpers.GetHashCode(node.Path) & (byPathInstance.Length - 1)] ??= node;
        }
    }

    /// <summary>Gets the currency of every node, cap and reservation.</summary>
    public Currency Currency { get; }

    /// <summary>Gets the campaign window, or null when the tree has neither pacing nor per-day caps.</summary>
    public CampaignWindow? Window { get; }

    /// <summary>Gets the root node.</summary>
    public BudgetNode Root => nodes[0];

    /// <summary>Gets every node, parents before their children.</summary>
    public IReadOnlyList<BudgetNode> Nodes => nodes;

    /// <summary>Gets the number of campaign days (0 without a window).</summary>
    public int DayCount => Window?.Days.Count ?? 0;

    internal int CapSlotCount { get; }

    /// <summary>Finds a node by its path.</summary>
    /// <param name="path">The node's path, e.g. <c>spring-festival/marketplace/food</c>.</param>
    /// <param name="node">The node, when found.</param>
    /// <returns>True when the tree has a node with that path.</returns>
    public bool TryGetNode(string? path, [NotNullWhen(true)] out BudgetNode? node)
    {
        if (path is null)
        {
            node = null;
            return false;
        }

        if (byPathInstance[RuntimeHelpers.GetHashCode(path) & (byPathInstance.Length - 1)] is { } cached && ReferenceEquals(cached.Path, path))
        {
            node = cached;
            return true;
        }

        return byPath.TryGetValue(path, out node);
    }

    /// <summary>Gets a node by its path.</summary>
    /// <param name="path">The node's path.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The tree has no node with that path.</exception>
    public BudgetNode GetNode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return byPath.TryGetValue(path, out var node)
            ? node
            : throw new ArgumentException($"The budget tree has no node '{path}'.", nameof(path));
    }

    /// <summary>
    /// Gets how much of a paced node's day has been released by <paramref name="at"/> by the day's own release
    /// (not counting roll-over): 0 before the day starts, the full day amount once it has ended.
    /// </summary>
    /// <param name="node">A node of this tree with a pacing plan.</param>
    /// <param name="dayIndex">The zero-based day index.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The released amount in minor units.</returns>
    internal long ReleasedOnDay(BudgetNode node, int dayIndex, Instant at)
    {
        var amount = node.DayAmountUnits[dayIndex];
        var interval = Window!.Days[dayIndex].Interval;
        if (at < interval.Start)
        {
            return 0;
        }

        if (at >= interval.End)
        {
            return amount;
        }

        switch (node.Pacing!.WithinDay.Kind)
        {
            case IntraDayReleaseKind.Linear:
                {
                    var elapsed = (at - interval.Start).ToInt64Nanoseconds();
                    var length = interval.Duration.ToInt64Nanoseconds();
                    return (long)((Int128)amount * elapsed / length);
                }

            case IntraDayReleaseKind.Steps:
                {
                    var steps = node.StepCumulativeUnits![dayIndex];
                    var sliceCount = steps.Length - 1;
                    var elapsed = (at - interval.Start).ToInt64Nanoseconds();
                    var length = interval.Duration.ToInt64Nanoseconds();
                    var slice = (int)((Int128)elapsed * sliceCount / length);
                    return steps[slice + 1];
                }

            default:
                return amount;
        }
    }

    /// <summary>Gets the zero-based day index of an instant, or -1 outside the window or without a window.</summary>
    internal int DayIndexOf(Instant instant) =>
        Window is not null && Window.TryGetDay(instant, out var day) ? day.Number - 1 : -1;
}
