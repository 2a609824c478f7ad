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
/// <para>
/// <b>Randomness.</b> The envelopes are drawn with the pool's own random source; the <c>random</c> argument of
/// <see cref="RewardPolicy.Evaluate(RewardRequest, IRandomSource)"/> is ignored. The pool's split then depends only
/// on the pool (its seed, when it has one), whichever claim opens which envelope, and can be replayed for audit.
/// </para>
/// <para>
/// <b>State.</b> Evaluating opens an envelope: the pool's state changes. When the reward cannot be granted after all
/// (for example the budget denies it), pass the outcome to <see cref="ReturnUnused(RewardOutcome)"/> so the envelope
/// goes back into the pool. Persist <see cref="RedEnvelopePool.State"/> with every grant to survive a restart.
/// </para>
/// <para>
/// <b>No empty envelopes.</b> The pool's minimum must be greater than zero, so every opened envelope is a reward and
/// one claim opens exactly one envelope.
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe: evaluations and returns may run concurrently.</threadsafety>
public sealed class RedEnvelopeRewardPolicy : RewardPolicy
{
    /// <summary>Initializes the policy.</summary>
    /// <param name="pool">The pool to open envelopes from; its minimum envelope must be greater than zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The pool's minimum is zero: an empty envelope would be no reward (parameter <c>pool</c>).</exception>
    public RedEnvelopeRewardPolicy(RedEnvelopePool pool)
        : base((pool ?? throw new ArgumentNullException(nameof(pool))).Spec.Currency)
    {
        if (!pool.Spec.Minimum.IsPositive)
        {
            throw new ArgumentException(
                $"A red-envelope reward needs a minimum envelope greater than zero (the pool's is {pool.Spec.Minimum}): an empty envelope is no reward.",
                nameof(pool));
        }

        Pool = pool;
    }

    /// <summary>Gets the pool.</summary>
    public RedEnvelopePool Pool { get; }

    /// <summary>
    /// Takes an envelope that this policy gave out but that could not be granted back into the pool, so the pool still
    /// sums exactly to its total. An outcome without a reward is ignored.
    /// </summary>
    /// <param name="outcome">The outcome this policy returned, passed back once.</param>
    /// <remarks>The checks are those of <see cref="RedEnvelopePool.Return(Money)"/>: currency, bounds, an envelope out, a consistent total.</remarks>
    /// <exception cref="ArgumentException">The outcome cannot have come from this pool; the pool is unchanged.</exception>
    public override void ReturnUnused(RewardOutcome outcome)
    {
        if (!outcome.IsRewarded)
        {
            return;
        }

        try
        {
            Pool.Return(outcome.Amount);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(outcome), e);
        }
    }

    /// <summary>Opens the pool's next envelope. The <paramref name="random"/> argument is ignored: the pool draws with its own source.</summary>
    /// <param name="request">The request (not used: every claim gets the next envelope).</param>
    /// <param name="random">Ignored; see the class remarks.</param>
    /// <returns>The envelope's amount, or no reward with <see cref="NoRewardReason.PoolExhausted"/>.</returns>
    protected override RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random) => Open();

    /// <inheritdoc />
    internal override RewardOutcome EvaluateOrder(Money? orderAmount, string? participantId, IRandomSource random) => Open();

    private RewardOutcome Open()
    {
        var opening = Pool.Open();
        return opening.IsOpened
            ? RewardOutcome.Rewarded(opening.Amount)
            : NoReward(NoRewardReason.PoolExhausted, $"All {Pool.Spec.Count} envelopes of the pool have been opened.");
    }
}
