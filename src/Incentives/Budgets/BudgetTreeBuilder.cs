using System;
using System.Collections.Generic;
using System.Globalization;
using Incentives.Time;

namespace Incentives.Budgets;

/// <summary>
/// Builds a <see cref="BudgetTree"/> in code: the currency, an optional campaign window, then the nodes, parents
/// first, each with a path-like id, a limit, and optionally a pacing plan and participant caps.
/// </summary>
/// <remarks>
/// Every definition error is reported by <see cref="Build"/> or <see cref="Add"/> as an
/// <see cref="ArgumentException"/> naming the node; JSON definitions are checked by
/// <see cref="Json.BudgetTreeDefinitionValidator"/>, which reports every problem at once.
/// </remarks>
/// <example>
/// <code>
/// var tree = new BudgetTreeBuilder(Currency.CNY, window)
///     .Add("festival", Money.FromDecimal(1000m, Currency.CNY), PacingPlan.Even())
///     .Add("festival/food", Money.FromDecimal(600m, Currency.CNY), caps: new ParticipantCaps { MaxGrantsPerDay = 3 })
///     .Build();
/// </code>
/// </example>
/// <threadsafety>Instances are not thread-safe; the built tree is.</threadsafety>
public sealed class BudgetTreeBuilder
{
    private readonly List<(string Path, Money Limit, PacingPlan? Pacing, ParticipantCaps? Caps)> entries = [];
    private readonly HashSet<string> paths = new(StringComparer.Ordinal);

    /// <summary>Initializes a builder for a tree in <paramref name="currency"/>.</summary>
    /// <param name="currency">The one currency of the tree.</param>
    /// <param name="window">The campaign window whose days drive pacing and per-day caps; null if neither is used.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    public BudgetTreeBuilder(Currency currency, CampaignWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Currency = currency;
        Window = window;
    }

    /// <summary>Gets the tree's currency.</summary>
    public Currency Currency { get; }

    /// <summary>Gets the campaign window, or null.</summary>
    public CampaignWindow? Window { get; }

    /// <summary>
    /// Checks a path-like id: one or more segments separated by <c>/</c>, each made of ASCII letters, digits,
    /// <c>-</c>, <c>_</c> or <c>.</c>.
    /// </summary>
    /// <param name="path">The candidate id.</param>
    /// <returns>True when the id is well formed.</returns>
    public static bool IsValidPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Adds a node. Its parent (the path without its last segment) must have been added already.</summary>
    /// <param name="path">The node's path-like id, e.g. <c>spring-festival/marketplace</c>; the first node added is the root.</param>
    /// <param name="limit">The node's limit, in the tree's currency, zero or more.</param>
    /// <param name="pacing">The pacing plan, or null; needs a window.</param>
    /// <param name="caps">The participant caps, or null; per-day caps need a window.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The path is malformed, a duplicate, not under the root, or its parent is missing; the limit or a cap is negative or in another currency; pacing or per-day caps without a window; day weights not matching the day count; a cap not positive.</exception>
    public BudgetTreeBuilder Add(string path, Money limit, PacingPlan? pacing = null, ParticipantCaps? caps = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!IsValidPath(path))
        {
            throw new ArgumentException($"'{path}' is not a valid budget path: use segments of letters, digits, '-', '_' or '.', separated by '/'.", nameof(path));
        }

        if (!paths.Add(path))
        {
            throw new ArgumentException($"The budget path '{path}' is defined twice.", nameof(path));
        }

        try
        {
            if (entries.Count == 0)
            {
                if (path.Contains('/', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The first node is the root and must be a single segment, not '{path}'.", nameof(path));
                }
            }
            else
            {
                var slash = path.LastIndexOf('/');
                if (slash < 0)
                {
                    throw new ArgumentException($"'{path}' would be a second root; the root is '{entries[0].Path}'.", nameof(path));
                }

                if (!paths.Contains(path[..slash]))
                {
                    throw new ArgumentException($"The parent '{path[..slash]}' of '{path}' must be added before it.", nameof(path));
                }
            }

            CheckMoney(limit, $"The limit of '{path}'", nameof(limit), allowZero: true);
            if (pacing is not null)
            {
                if (Window is null)
                {
                    throw new ArgumentException($"'{path}' has a pacing plan but the tree has no campaign window.", nameof(pacing));
                }

                if (pacing.DayWeights is { } weights && weights.Count != Window.Days.Count)
                {
                    throw new ArgumentException(
                        $"The pacing plan of '{path}' has {weights.Count.ToString(CultureInfo.InvariantCulture)} day weights but the window has {Window.Days.Count.ToString(CultureInfo.InvariantCulture)} days.",
                        nameof(pacing));
                }
            }

            if (caps is not null)
            {
                CheckCaps(path, caps);
            }
        }
        catch
        {
            paths.Remove(path);
            throw;
        }

        entries.Add((path, limit, pacing, caps));
        return this;
    }

    /// <summary>Builds the immutable tree.</summary>
    /// <returns>The tree.</returns>
    /// <exception cref="InvalidOperationException">No node was added.</exception>
    public BudgetTree Build()
    {
        if (entries.Count == 0)
        {
            throw new InvalidOperationException("A budget tree needs at least a root node; call Add first.");
        }

        var nodes = new BudgetNode[entries.Count];
        var byPath = new Dictionary<string, BudgetNode>(StringComparer.Ordinal);
        var capSlots = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var (path, limit, pacing, caps) = entries[i];
            var slash = path.LastIndexOf('/');
            var parent = slash < 0 ? null : byPath[path[..slash]];
            var dayAmounts = pacing is null ? [] : pacing.SplitIntoDays(limit, Window!.Days.Count);
            var node = new BudgetNode(path, parent, limit, pacing, caps is { IsEmpty: false } ? caps : null, dayAmounts, i);
            if (pacing?.WithinDay.Kind == IntraDayReleaseKind.Steps)
            {
                long[] stepWeights = [.. pacing.WithinDay.Weights];
                node.StepCumulativeUnits = Array.ConvertAll(dayAmounts, day =>
                {
                    var slices = day.Allocate(stepWeights);
                    var cumulative = new long[slices.Length + 1];
                    for (var k = 0; k < slices.Length; k++)
                    {
                        cumulative[k + 1] = cumulative[k] + slices[k].MinorUnits;
                    }

                    return cumulative;
                });
            }

            if (node.Caps is not null)
            {
                node.CapSlot = capSlots++;
            }

            node.HasCapsOnPath = node.Caps is not null || parent?.HasCapsOnPath == true;

            nodes[i] = node;
            byPath.Add(path, node);
        }

        return new BudgetTree(Currency, Window, nodes, capSlots);
    }

    private void CheckCaps(string path, ParticipantCaps caps)
    {
        if (caps.MaxAmountPerCampaign is { } campaignAmount)
        {
            CheckMoney(campaignAmount, $"The per-campaign amount cap of '{path}'", nameof(caps), allowZero: false);
        }

        if (caps.MaxAmountPerDay is { } dayAmount)
        {
            CheckMoney(dayAmount, $"The per-day amount cap of '{path}'", nameof(caps), allowZero: false);
        }

        if (caps.MaxGrantsPerCampaign is < 1 || caps.MaxGrantsPerDay is < 1)
        {
            throw new ArgumentException($"The grant caps of '{path}' must be at least 1.", nameof(caps));
        }

        if (caps.HasDailyCaps && Window is null)
        {
            throw new ArgumentException($"'{path}' has per-day caps but the tree has no campaign window.", nameof(caps));
        }
    }

    private void CheckMoney(Money value, string what, string paramName, bool allowZero)
    {
        if (value.Currency != Currency)
        {
            throw new ArgumentException($"{what} is in {value.Currency.Code} but the tree is in {Currency.Code}.", paramName);
        }

        if (value.IsNegative || (!allowZero && value.IsZero))
        {
            throw new ArgumentException($"{what} must be {(allowZero ? "zero or more" : "greater than zero")}, not {value}.", paramName);
        }
    }
}
