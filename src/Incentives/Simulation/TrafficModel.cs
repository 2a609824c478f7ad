using System.Collections.Generic;
using NodaTime;

namespace Incentives.Simulation;

/// <summary>
/// What the simulated traffic looks like: how many claims, when they arrive (a shape per campaign day and per local hour),
/// who makes them (a population of participants, some claiming again and again) and what they carry (region, channel,
/// category, order size), and what happens to each grant afterwards (paid and committed, cancelled and released, refunded).
/// </summary>
/// <remarks>
/// Defaults: 10,000 claims, 2,000 participants, equal day weights, <see cref="DefaultHourWeights"/>, one region <c>"CN"</c>,
/// one channel <c>"app"</c>, no category, orders of 10 to 500, 5 % blocked participants, 10 % cancellations, 3 % refunds,
/// repeat skew 2, commit or release 1 to 10 minutes after the grant, refunds 1 to 48 hours after the commit.
/// Every list must hold at least one value with a positive weight.
/// </remarks>
public sealed record TrafficModel
{
    /// <summary>Gets the default claims per local hour shape: quiet at night, a lunch and an evening peak.</summary>
    public static IReadOnlyList<int> DefaultHourWeights { get; } =
        [2, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 12, 14, 12, 10, 9, 9, 10, 12, 15, 18, 20, 16, 8];

    /// <summary>Gets the total number of claims to simulate.</summary>
    public int Claims { get; init; } = 10_000;

    /// <summary>Gets the number of distinct participants the claims come from.</summary>
    public int Participants { get; init; } = 2_000;

    /// <summary>
    /// Gets how unevenly claims spread over participants: participant <c>floor(P · u^skew)</c> is drawn for a uniform
    /// <c>u</c>, so 1 is uniform and larger values make a few participants claim very often (per-person caps bite).
    /// </summary>
    public double RepeatSkew { get; init; } = 2;

    /// <summary>Gets the relative weight of each campaign day (one per day of the window); <see langword="null"/> means equal.</summary>
    public IReadOnlyList<int>? DayWeights { get; init; }

    /// <summary>Gets the relative weight of each local hour 0..23 (24 values).</summary>
    public IReadOnlyList<int> HourWeights { get; init; } = DefaultHourWeights;

    /// <summary>Gets the participants' regions.</summary>
    public IReadOnlyList<WeightedValue> Regions { get; init; } = [new("CN", 1)];

    /// <summary>Gets the claim channels.</summary>
    public IReadOnlyList<WeightedValue> Channels { get; init; } = [new("app", 1)];

    /// <summary>Gets the claim categories; empty means claims carry no category.</summary>
    public IReadOnlyList<WeightedValue> Categories { get; init; } = [];

    /// <summary>Gets the order size bands.</summary>
    public IReadOnlyList<OrderSizeBand> OrderSizes { get; init; } = [new(10m, 500m, 1)];

    /// <summary>Gets the share of participants in the <c>"blocked"</c> segment (0..1).</summary>
    public double BlockedShare { get; init; } = 0.05;

    /// <summary>Gets the share of grants that are cancelled (released) instead of committed (0..1).</summary>
    public double CancelShare { get; init; } = 0.10;

    /// <summary>Gets the share of committed grants that are later refunded in full (0..1).</summary>
    public double RefundShare { get; init; } = 0.03;

    /// <summary>Gets the delay between a grant and its commit or release (drawn uniformly in [delay, 10 × delay]).</summary>
    public Duration SettleDelay { get; init; } = Duration.FromMinutes(1);

    /// <summary>Gets the delay between a commit and its refund (drawn uniformly in [delay, 48 × delay]).</summary>
    public Duration RefundDelay { get; init; } = Duration.FromHours(1);
}
