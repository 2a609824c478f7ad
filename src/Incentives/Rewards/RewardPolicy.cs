using System;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards;

/// <summary>
/// Decides how much a granted claim gets. Each policy is a pure function of the request and, for random policies,
/// the random source passed in; the red-envelope policy draws from its pool instead (see <see cref="RedEnvelopeRewardPolicy"/>).
/// </summary>
/// <remarks>
/// Expected outcomes such as "order below the first tier" or "pool exhausted" are <see cref="RewardOutcome"/> values
/// with a reason; exceptions only signal programming errors (a null argument). Build policies in code with their
/// constructors or from JSON with <see cref="Json.RewardPolicyJson"/>.
/// </remarks>
/// <threadsafety>The shipped policies are immutable and thread-safe (given a thread-safe random source).</threadsafety>
public abstract class RewardPolicy
{
    /// <summary>Initializes the base with the policy's currency.</summary>
    /// <param name="currency">The currency of the rewards.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    protected RewardPolicy(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Currency = currency;
    }

    /// <summary>Gets the currency of the rewards (and of the orders, for order-based policies).</summary>
    public Currency Currency { get; }

    /// <summary>Computes the reward with the shared cryptographically secure random source.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The reward, or no reward with a reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public RewardOutcome Evaluate(RewardRequest request) => Evaluate(request, SecureRandomSource.Shared);

    /// <summary>Computes the reward.</summary>
    /// <param name="request">The request.</param>
    /// <param name="random">
    /// The random source for random policies (<see cref="RandomRangeRewardPolicy"/>); a seeded one replays the same
    /// amounts. Deterministic policies ignore it, and so does <see cref="RedEnvelopeRewardPolicy"/>: a red envelope is
    /// always drawn with its pool's own source, so that the pool's split depends on the pool alone (seed it when
    /// building the pool, e.g. <c>new RedEnvelopePool(spec, new SeededRandomSource(seed))</c>, to replay it).
    /// </param>
    /// <returns>The reward, or no reward with a reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="random"/> is <see langword="null"/>.</exception>
    public RewardOutcome Evaluate(RewardRequest request, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        return EvaluateCore(request, random);
    }

    /// <summary>
    /// Called when a reward that this policy computed could not be granted (for example the budget denied it); a
    /// stateful policy such as a red-envelope pool takes the amount back so the pool still sums exactly to its total.
    /// The default does nothing.
    /// </summary>
    /// <param name="outcome">
    /// The outcome that this policy's <see cref="Evaluate(RewardRequest, IRandomSource)"/> returned, passed back once.
    /// An outcome without a reward (<see cref="RewardOutcome.IsRewarded"/> is <see langword="false"/>) has nothing to return and is ignored.
    /// </param>
    /// <exception cref="ArgumentException">
    /// A stateful policy can tell that <paramref name="outcome"/> is not something it gave out (see
    /// <see cref="RedEnvelopeRewardPolicy.ReturnUnused(RewardOutcome)"/> for what a pool checks); nothing changes.
    /// </exception>
    /// <threadsafety>Overrides must be safe to call concurrently with <see cref="Evaluate(RewardRequest, IRandomSource)"/>.</threadsafety>
    public virtual void ReturnUnused(RewardOutcome outcome)
    {
    }

    /// <summary>Computes the reward; the arguments are not null.</summary>
    /// <param name="request">The request.</param>
    /// <param name="random">The random source.</param>
    /// <returns>The reward, or no reward with a reason.</returns>
    protected abstract RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random);

    /// <summary>
    /// The engine's allocation-free path: the same outcome as <see cref="Evaluate(RewardRequest, IRandomSource)"/> with a request
    /// of <paramref name="orderAmount"/> and <paramref name="participantId"/>, without building the request. The shipped policies
    /// override it; a policy written elsewhere gets its request built here and its <see cref="EvaluateCore"/> called.
    /// </summary>
    /// <param name="orderAmount">The order's amount, or <see langword="null"/>.</param>
    /// <param name="participantId">The participant's id, or <see langword="null"/>.</param>
    /// <param name="random">The random source, not null.</param>
    /// <returns>The reward, or no reward with a reason.</returns>
    internal virtual RewardOutcome EvaluateOrder(Money? orderAmount, string? participantId, IRandomSource random) =>
        EvaluateCore(new RewardRequest(orderAmount, participantId), random);

    /// <summary>Returns a "no reward" outcome in this policy's currency.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <returns>The outcome.</returns>
    protected RewardOutcome NoReward(NoRewardReason reason, string message) => RewardOutcome.NoReward(Currency, reason, message);

    /// <summary>
    /// Reads the request's order amount for an order-based policy: a positive amount in the policy's currency, or the
    /// "no reward" outcome that explains what is wrong with it.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="order">The order amount when the method returns <see langword="null"/>.</param>
    /// <returns><see langword="null"/> when the order is usable, otherwise the outcome to return.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    protected RewardOutcome? TryGetOrder(RewardRequest request, out Money order)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryGetOrder(request.OrderAmount, out order);
    }

    /// <summary>Reads an order amount for an order-based policy; see <see cref="TryGetOrder(RewardRequest, out Money)"/>.</summary>
    /// <param name="orderAmount">The order's amount, or <see langword="null"/>.</param>
    /// <param name="order">The order amount when the method returns <see langword="null"/>.</param>
    /// <returns><see langword="null"/> when the order is usable, otherwise the outcome to return.</returns>
    private protected RewardOutcome? TryGetOrder(Money? orderAmount, out Money order)
    {
        order = Money.Zero(Currency);
        if (orderAmount is not { } amount)
        {
            return NoReward(NoRewardReason.OrderAmountRequired, "This reward depends on the order amount and the claim has no order.");
        }

        if (amount.Currency != Currency)
        {
            return NoReward(NoRewardReason.OrderCurrencyMismatch, $"The order is in {amount.Currency.Code}; this reward is defined in {Currency.Code}.");
        }

        if (!amount.IsPositive)
        {
            return NoReward(NoRewardReason.OrderAmountNotPositive, $"The order amount {amount} is not positive.");
        }

        order = amount;
        return null;
    }
}
