using Incentives.Time;
using NodaTime;

namespace Incentives.Simulation;

/// <summary>How a <see cref="CampaignSimulator"/> runs: the window, the traffic, the seed, and how often it checks the ledgers.</summary>
/// <remarks>Defaults: seed 20260215, the default <see cref="TrafficModel"/>, a snapshot check every simulated hour, progress every 10,000 claims, a retention derived from the traffic model.</remarks>
public sealed record SimulationOptions
{
    /// <summary>Gets the window the traffic arrives in; its local days are the report's days. Required.</summary>
    public required CampaignWindow Window { get; init; }

    /// <summary>Gets the traffic model.</summary>
    public TrafficModel Traffic { get; init; } = new();

    /// <summary>Gets the seed of the traffic and of the engine's random source.</summary>
    public ulong Seed { get; init; } = 20260215;

    /// <summary>Gets how often (simulated time) every ledger is snapshotted and its invariants checked.</summary>
    public Duration SnapshotInterval { get; init; } = Duration.FromHours(1);

    /// <summary>Gets how many claims pass between two progress reports.</summary>
    public int ProgressEvery { get; init; } = 10_000;

    /// <summary>
    /// Gets how long the engine remembers settled claims (<see cref="Campaigns.CampaignEngineOptions.Retention"/>), which keeps a
    /// long run's memory bounded. Default <see langword="null"/>: long enough that pruning never changes the report, i.e.
    /// <c>10 × SettleDelay + 48 × RefundDelay</c> (the latest refund after a claim) plus the longest campaign hold plus one hour.
    /// A shorter retention makes the ledgers forget committed grants before their refunds arrive (those refunds are then refused).
    /// </summary>
    public Duration? Retention { get; init; }
}
