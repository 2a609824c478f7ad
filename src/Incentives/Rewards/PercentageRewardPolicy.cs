using System;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards;

/// <summary>
/// Gives a percentage of the order amount, rounded to the minor unit with a chosen mode, then raised to a floor and
/// lowered to a cap, and by default never more than the order itself: "8% of the order, at least 1.00, at most 50.00".
/// JSON: <c>{"type":"percentage","currency":"CNY","percent":8,"rounding":"toZero","floor":{...},"cap":{...},"allowAboveOrder":false}</c>.
/// </summary>
/// <remarks>
/// <para>
/// For a positive order in the policy's currency the reward is <c>min(max(rounded, floor), cap, order)</c>: never
/// negative, never above the cap, and at least the floor unless the order itself is smaller. A floor is meant to make
/// small rewards worthwhile, not to pay more than was spent: 10% of a 0.01 order with a floor of 50.00 is 0.01 by
/// default. Set <see cref="AllowAboveOrder"/> to let the floor exceed the order (then the reward is always within
/// [floor, cap]).
/// </para>
/// <para>
/// An order that is missing, non-positive or in another currency gets no reward (with the reason); so does a reward
/// that rounds to zero when there is no floor.
/// </para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class PercentageRewardPolicy : RewardPolicy
{
    private readonly decimal factor;

    /// <summary>Initializes the policy.</summary>
    /// <param name="currency">The currency of the orders and rewards.</param>
    /// <param name="percent">The percentage, greater than 0 and at most 100 (8 means 8%).</param>
    /// <param name="rounding">How the exact percentage is rounded to the minor unit; <see cref="MidpointRounding.ToZero"/> (down) by default.</param>
    /// <param name="floor">The smallest reward, or <see langword="null"/> for none.</param>
    /// <param name="cap">The largest reward, or <see langword="null"/> for none.</param>
    /// <param name="allowAboveOrder">
    /// <see langword="false"/> (the default) to never reward more than the order amount, even when the floor is higher;
    /// <see langword="true"/> to let the floor exceed the order.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="percent"/> is outside (0, 100]; <paramref name="rounding"/> is undefined; <paramref name="floor"/>
    /// is negative; <paramref name="cap"/> is not positive or is below <paramref name="floor"/>.
    /// </exception>
    /// <exception cref="CurrencyMismatchException"><paramref name="floor"/> or <paramref name="cap"/> is in another currency.</exception>
    public PercentageRewardPolicy(
        Currency currency,
        decimal percent,
        MidpointRounding rounding = MidpointRounding.ToZero,
        Money? floor = null,
        Money? cap = null,
        bool allowAboveOrder = false)
        : base(currency)
    {
        if (percent <= 0m || percent > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentage must be greater than 0 and at most 100.");
        }

        Money.ThrowIfUndefined(rounding, nameof(rounding));
        if (floor is { } f)
        {
            ThrowIfOtherCurrency(f, nameof(floor));
            if (f.IsNegative)
            {
                throw new ArgumentOutOfRangeException(nameof(floor), f, "The floor must be zero or more.");
            }
        }

        if (cap is { } c)
        {
            ThrowIfOtherCurrency(c, nameof(cap));
            if (!c.IsPositive)
            {
                throw new ArgumentOutOfRangeException(nameof(cap), c, "The cap must be greater than zero.");
            }

            if (floor is { } fl && c.MinorUnits < fl.MinorUnits)
            {
                throw new ArgumentOutOfRangeException(nameof(cap), c, $"The cap must be at least the floor ({fl}).");
            }
        }

        Percent = percent;
        Rounding = rounding;
        Floor = floor;
        Cap = cap;
        AllowAboveOrder = allowAboveOrder;
        factor = percent / 100m;
    }

    /// <summary>Gets the percentage (8 means 8%).</summary>
    public decimal Percent { get; }

    /// <summary>Gets the rounding mode applied to the exact percentage.</summary>
    public MidpointRounding Rounding { get; }

    /// <summary>Gets the smallest reward, or <see langword="null"/>.</summary>
    public Money? Floor { get; }

    /// <summary>Gets the largest reward, or <see langword="null"/>.</summary>
    public Money? Cap { get; }

    /// <summary>Gets a value indicating whether the floor may make the reward larger than the order (<see langword="false"/> by default).</summary>
    public bool AllowAboveOrder { get; }

    /// <inheritdoc />
    protected override RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random) => ForOrder(request.OrderAmount);

    /// <inheritdoc />
    internal override RewardOutcome EvaluateOrder(Money? orderAmount, string? participantId, IRandomSource random) => ForOrder(orderAmount);

    private RewardOutcome ForOrder(Money? orderAmount)
    {
        if (TryGetOrder(orderAmount, out var order) is { } refusal)
        {
            return refusal;
        }

        var amount = order.Multiply(factor, Rounding);
        if (Floor is { } floor && amount.MinorUnits < floor.MinorUnits)
        {
            amount = floor;
        }

        if (Cap is { } cap && amount.MinorUnits > cap.MinorUnits)
        {
            amount = cap;
        }

        if (!AllowAboveOrder && amount.MinorUnits > order.MinorUnits)
        {
            amount = order;
        }

        return amount.IsPositive
            ? RewardOutcome.Rewarded(amount)
            : NoReward(NoRewardReason.ZeroAmount, $"{Percent}% of {order} rounds to zero.");
    }

    private void ThrowIfOtherCurrency(Money value, string paramName)
    {
        if (value.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, value.Currency, paramName);
        }
    }
}
