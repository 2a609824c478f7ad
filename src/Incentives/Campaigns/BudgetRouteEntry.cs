using System;

namespace Incentives.Campaigns;

/// <summary>One explicit entry of a <see cref="BudgetRoute"/>: claims on <see cref="Channel"/> (and <see cref="Category"/>) draw from <see cref="Path"/>.</summary>
/// <param name="Channel">The claim's channel (ordinal comparison).</param>
/// <param name="Category">The claim's category; <see langword="null"/> matches any category, including none.</param>
/// <param name="Path">The budget node path.</param>
public sealed record BudgetRouteEntry(string Channel, string? Category, string Path)
{
    /// <summary>Gets the claim's channel.</summary>
    public string Channel { get; } = string.IsNullOrWhiteSpace(Channel) ? throw new ArgumentException("A route entry needs a channel.", nameof(Channel)) : Channel;

    /// <summary>Gets the budget node path.</summary>
    public string Path { get; } = string.IsNullOrWhiteSpace(Path) ? throw new ArgumentException("A route entry needs a node path.", nameof(Path)) : Path;
}
