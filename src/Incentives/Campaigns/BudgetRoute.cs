using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Incentives.Campaigns;

/// <summary>
/// Which node of a budget tree a claim draws from, by the claim's channel and category: explicit entries, a path template such as
/// <c>spring-festival/{channel}/{category}</c>, and a fallback path.
/// </summary>
/// <remarks>
/// <para>Resolution order, first match wins: the entry for (channel, category); the entry for (channel, any category); the
/// template with <c>{channel}</c> and <c>{category}</c> replaced (skipped when it needs a category and the claim has none); then,
/// when that path is not a node of the tree, the <see cref="Fallback"/>. When nothing resolves to a node, the campaign denies the
/// claim with <see cref="ClaimDenialCodes.NoBudgetNode"/>: a claim never silently draws from a parent or a sibling budget.</para>
/// <para>Instances are immutable; <see cref="Map"/> and <see cref="OrElse"/> return new routes. The engine caches the node each
/// (channel, category) pair resolves to, so resolution allocates nothing after the first claim of a pair.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class BudgetRoute
{
    /// <summary>The placeholder replaced by the claim's channel.</summary>
    public const string ChannelPlaceholder = "{channel}";

    /// <summary>The placeholder replaced by the claim's category.</summary>
    public const string CategoryPlaceholder = "{category}";

    private readonly BudgetRouteEntry[] entries;

    private BudgetRoute(string? template, string? fallback, BudgetRouteEntry[] entries)
    {
        PathTemplate = template;
        Fallback = fallback;
        this.entries = entries;
        Entries = Array.AsReadOnly(entries);
    }

    /// <summary>Gets the path template, or <see langword="null"/> when the route has none.</summary>
    public string? PathTemplate { get; }

    /// <summary>Gets the path used when nothing else resolves to a node, or <see langword="null"/>.</summary>
    public string? Fallback { get; }

    /// <summary>Gets the explicit entries, in the order they were added.</summary>
    public ReadOnlyCollection<BudgetRouteEntry> Entries { get; }

    /// <summary>Gets whether the template depends on the claim's channel.</summary>
    public bool UsesChannel => PathTemplate?.Contains(ChannelPlaceholder, StringComparison.Ordinal) == true;

    /// <summary>Gets whether the template depends on the claim's category.</summary>
    public bool UsesCategory => PathTemplate?.Contains(CategoryPlaceholder, StringComparison.Ordinal) == true;

    /// <summary>Creates a route from a path template (<c>{channel}</c> and <c>{category}</c> placeholders, or a fixed path).</summary>
    /// <param name="template">The template, e.g. <c>spring-festival/{channel}/{category}</c>.</param>
    /// <param name="fallback">The path used when the template resolves to no node; <see langword="null"/> for none.</param>
    /// <returns>The route.</returns>
    /// <exception cref="ArgumentException"><paramref name="template"/> is null or blank, or <paramref name="fallback"/> is blank.</exception>
    public static BudgetRoute Template(string template, string? fallback = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        CheckFallback(fallback);
        return new(template, fallback, []);
    }

    /// <summary>Creates a route where every claim draws from one node.</summary>
    /// <param name="path">The node path.</param>
    /// <returns>The route.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static BudgetRoute Fixed(string path) => Template(path);

    /// <summary>Creates a route with no template: only the entries added with <see cref="Map"/>, then the fallback.</summary>
    /// <param name="fallback">The path used when no entry matches; <see langword="null"/> for none.</param>
    /// <returns>The route.</returns>
    /// <exception cref="ArgumentException"><paramref name="fallback"/> is blank.</exception>
    public static BudgetRoute Explicit(string? fallback = null)
    {
        CheckFallback(fallback);
        return new(null, fallback, []);
    }

    /// <summary>Returns a route with one more explicit entry.</summary>
    /// <param name="channel">The claim's channel.</param>
    /// <param name="category">The claim's category; <see langword="null"/> for any.</param>
    /// <param name="path">The node path.</param>
    /// <returns>A new route.</returns>
    /// <exception cref="ArgumentException">A blank channel or path, or an entry for the same channel and category exists already.</exception>
    public BudgetRoute Map(string channel, string? category, string path)
    {
        var entry = new BudgetRouteEntry(channel, category, path);
        if (entries.Any(e => e.Channel == entry.Channel && e.Category == entry.Category))
        {
            throw new ArgumentException($"The route already has an entry for channel '{channel}' and category '{category ?? "*"}'.", nameof(channel));
        }

        return new(PathTemplate, Fallback, [.. entries, entry]);
    }

    /// <summary>Returns a route with another fallback path.</summary>
    /// <param name="fallback">The fallback path.</param>
    /// <returns>A new route.</returns>
    /// <exception cref="ArgumentException"><paramref name="fallback"/> is null or blank.</exception>
    public BudgetRoute OrElse(string fallback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fallback);
        return new(PathTemplate, fallback, entries);
    }

    /// <summary>Resolves the path for a channel and category, before the tree is consulted (no fallback applied).</summary>
    /// <param name="channel">The claim's channel.</param>
    /// <param name="category">The claim's category, or <see langword="null"/>.</param>
    /// <returns>The path, or <see langword="null"/> when no entry matches and the template cannot be filled.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channel"/> is null.</exception>
    public string? Resolve(string channel, string? category)
    {
        ArgumentNullException.ThrowIfNull(channel);
        BudgetRouteEntry? anyCategory = null;
        foreach (var entry in entries)
        {
            if (!string.Equals(entry.Channel, channel, StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.Category is null)
            {
                anyCategory ??= entry;
            }
            else if (string.Equals(entry.Category, category, StringComparison.Ordinal))
            {
                return entry.Path;
            }
        }

        if (anyCategory is not null)
        {
            return anyCategory.Path;
        }

        if (PathTemplate is null || (category is null && UsesCategory))
        {
            return null;
        }

        return PathTemplate
            .Replace(ChannelPlaceholder, channel, StringComparison.Ordinal)
            .Replace(CategoryPlaceholder, category, StringComparison.Ordinal);
    }

    /// <summary>Returns the template, entries and fallback as text.</summary>
    /// <returns>A description such as <c>spring-festival/{channel}/{category} else spring-festival/other</c>.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        parts.AddRange(entries.Select(e => $"{e.Channel}/{e.Category ?? "*"} -> {e.Path}"));
        if (PathTemplate is not null)
        {
            parts.Add(PathTemplate);
        }

        var text = string.Join("; ", parts);
        return Fallback is null ? text : $"{text} else {Fallback}";
    }

    private static void CheckFallback(string? fallback)
    {
        if (fallback is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(fallback);
        }
    }
}
