using System;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards;

/// <summary>
/// Gives a uniformly random amount between a minimum and a maximum, both included, to the minor unit, without bias.
/// JSON: <c>{"type":"randomRange","minimum":{...},"maximum":{...}}</c>.
/// </summary>
/// <remarks>Unlike a red envelope there is no pool: every claim draws independently. A draw of zero (possible only with a zero minimum) is no reward with <see cref="NoRewardReason.ZeroAmount"/>.</remarks>
/// <threadsafety>Immutable and thread-safe given a thread-safe random source.</threadsafety>
public sealed class RandomRangeRewardPolicy : RewardPolicy
{
    /// <summary>Initializes the policy.</summary>
    /// <param name="minimum">The smallest reward, zero or more.</param>
    /// <param name="maximum">The largest reward, greater than zero and at least <paramref name="minimum"/>, same currency.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative, or <paramref name="maximum"/> is not positive or below <paramref name="minimum"/>.</exception>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public RandomRangeRewardPolicy(Money minimum, Money maximum)
        : base(minimum.Currency)
    {
        if (maximum.Currency != minimum.Currency)
        {
            throw new CurrencyMismatchException(minimum.Currency, maximum.Currency, nameof(maximum));
        }

        if (minimum.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum reward must be zero or more.");
        }

        if (!maximum.IsPositive || maximum.MinorUnits < minimum.MinorUnits)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"The maximum reward must be greater than zero and at least the minimum ({minimum}).");
        }

        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>Gets the smallest reward.</summary>
    public Money Minimum { get; }

    /// <summary>Gets the largest reward.</summary>
    public Money Maximum { get; }

    /// <inheritdoc />
    protected override RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random) => Draw(random);

    /// <inheritdoc />
    internal override RewardOutcome EvaluateOrder(Money? orderAmount, string? participantId, IRandomSource random) => Draw(random);

    private RewardOutcome Draw(IRandomSource random)
    {
        var span = (ulong)(Maximum.MinorUnits - Minimum.MinorUnits) + 1;
        var amount = new Money(Minimum.MinorUnits + (long)BoundedRandom.Below(random, span), Currency);
        return amount.IsPositive
            ? RewardOutcome.Rewarded(amount)
            : NoReward(NoRewardReason.ZeroAmount, "The random draw was zero.");
    }
}
