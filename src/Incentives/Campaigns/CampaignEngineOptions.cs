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
    /// <para>The cadence is driven by the claims' own instants (<see cref="Claims.Claim.At"/>), never by a clock: each time the
    /// latest claim instant passes the next cadence point (every quarter of the retention), the claim that passes it first prunes
    /// with the cut-off <c>its instant - Retention</c> before it is handled. Memory then stays bounded by the claims of about
    /// 1.25 retentions (plus holds still open), and a claim now and then does the pruning work.</para>
    /// <para>Choose a retention longer than the longest time a client may retry a claim and longer than the refund period: a
    /// reservation pruned from an owned ledger can no longer be refunded. A claim whose instant lies far ahead of the others
    /// (a wrong clock) prunes early, as if that much time had passed.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative or longer than ten years.</exception>
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
    /// <exception cref="ArgumentOutOfRangeException">Zero, negative, or longer than ten years.</exception>
    internal static void CheckRetention(Duration retention, string paramName)
    {
        if (retention <= Duration.Zero || retention > MaxRetention)
        {
            throw new ArgumentOutOfRangeException(paramName, retention,
                "The retention must be positive and at most ten years (3653 days): it is how long claims are remembered for retries.");
        }
    }
}
