using System;
using System.Diagnostics.Metrics;
using Incentives.Rewards.Randomness;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>Optional settings of a <see cref="CampaignEngine"/>.</summary>
/// <remarks>Every property has a default suitable for production; tests usually set <see cref="Random"/> to a seeded source.</remarks>
public sealed class CampaignEngineOptions
{
    /// <summary>How many prunes an engine with a <see cref="Retention"/> makes per retention period of claim time.</summary>
    internal const int PrunesPerRetention = 4;

    /// <summary>The longest <see cref="Retention"/> accepted: ten years.</summary>
    internal static readonly Duration MaxRetention = Duration.FromDays(3653);

    /// <summary>The shortest <see cref="Retention"/> accepted: one tick (the engine counts retention in ticks).</summary>
    internal static readonly Duration MinRetention = Duration.FromTicks(1);

    private readonly Duration? retention;

    /// <summary>Gets the random source for random rewards. Default <see cref="SecureRandomSource.Shared"/>.</summary>
    public IRandomSource? Random { get; init; }

    /// <summary>
    /// Gets the factory the engine creates its <see cref="Meter"/> with (the one registered by <c>AddMetrics()</c> in an app).
    /// Default: the engine creates and owns a <see cref="Meter"/> named <see cref="Diagnostics.IncentivesDiagnostics.MeterName"/>,
    /// disposed with the engine.
    /// </summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Gets a name for the engine, reported as the meter's <c>incentives.engine</c> tag (keyed engines use their key). Default none.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Gets how long the engine remembers a claim for idempotent retries once the claim and its holds are settled; the engine then
    /// prunes itself (and the in-memory ledgers it owns) with <see cref="CampaignEngine.PruneSettled"/>. Default
    /// <see langword="null"/>: remember every claim for the engine's lifetime (memory grows with the claims).
    /// </summary>
    /// <remarks>
    /// <para>The cadence is driven by the claims' own instants (<see cref="Claims.Claim.At"/>), capped by the engine's
    /// <see cref="CampaignEngine.Clock"/> (the injected <c>IClock</c>, never the wall clock): each time a claim's instant passes
    /// the next cadence point (every quarter of the retention), the claim that passes it first prunes with the cut-off
    /// <c>min(its instant, clock) - Retention</c> before it is handled. A claim stamped ahead of the clock therefore never prunes
    /// early. Memory stays bounded by the claims of about 1.25 retentions (plus holds still open).</para>
    /// <para>The claim that passes a cadence point does the pruning on its own call: it takes the results that are due from the
    /// store's queues and the settled reservations from the owned ledgers' queues (under each ledger's lock), about a quarter
    /// retention's worth of claims. With a long retention and millions of claims per quarter retention, leave this unset and call
    /// <see cref="CampaignEngine.PruneSettled"/> from a background job instead, so no claim carries that latency.</para>
    /// <para>Choose a retention longer than the longest time a client may retry a claim and longer than the refund period: a
    /// reservation pruned from an owned ledger can no longer be refunded.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is shorter than one tick (100 ns) or longer than ten years.</exception>
    public Duration? Retention
    {
        get => retention;
        init
        {
            if (value is { } duration)
            {
                CheckRetention(duration, nameof(Retention));
            }

            retention = value;
        }
    }

    /// <summary>Throws when <paramref name="retention"/> is not a usable retention.</summary>
    /// <param name="retention">The retention.</param>
    /// <param name="paramName">The parameter to name.</param>
    /// <exception cref="ArgumentOutOfRangeException">Shorter than one tick, or longer than ten years.</exception>
    internal static void CheckRetention(Duration retention, string paramName)
    {
        if (retention < MinRetention || retention > MaxRetention)
        {
            throw new ArgumentOutOfRangeException(paramName, retention,
                "The retention must be at least one tick (100 ns) and at most ten years (3653 days): it is how long claims are remembered for retries.");
        }
    }
}
