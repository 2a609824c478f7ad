using System;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards;

/// <summary>
/// Gives each granted claim the next envelope of a shared <see cref="RedEnvelopePool"/>; when every envelope has been
/// opened, no reward with <see cref="NoRewardReason.PoolExhausted"/>.
/// JSON: <c>{"type":"redEnvelope","total":{...},"count":1000,"minimum":{...},"maximum":{...},"algorithm":"doubleMean","luckyAmounts":false,"seed":42}</c>.
/// </summary>
/// <remarks>
/// The envelopes are drawn with the pool's own random source, not the one passed to
/// <see cref="RewardPolicy.Evaluate(RewardRequest, IRandomSource)"/>: the pool's split then depends only on its seed,
/// whichever claim opens which envelope, and can be replayed for audit. Opening is the policy's only state change;
/// the engine should open an envelope only for a claim it is about to grant.
/// </remarks>
/// <threadsafety>Thread-safe.</threadsafety>
public sealed class RedEnvelopeRewardPolicy : RewardPolicy
{
    /// <summary>Initializes the policy.</summary>
    /// <param name="pool">The pool to open envelopes from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> is <see langword="null"/>.</exception>
    public RedEnvelopeRewardPolicy(RedEnvelopePool pool)
        : base((pool ?? throw new ArgumentNullException(nameof(pool))).Spec.Currency)
    {
        Pool = pool;
    }

    /// <summary>Gets the pool.</summary>
    public RedEnvelopePool Pool { get; }

    /// <inheritdoc />
    protected override RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random)
    {
        while (true)
        {
            var opening = Pool.Open();
            if (!opening.IsOpened)
            {
                return NoReward(NoRewardReason.PoolExhausted, $"All {Pool.Spec.Count} envelopes of the pool have been opened.");
            }

            // A pool with a zero minimum may hold empty envelopes; they are skipped rather than "granted".
            if (opening.Amount.IsPositive)
            {
                return RewardOutcome.Rewarded(opening.Amount);
            }
        }
    }
}
