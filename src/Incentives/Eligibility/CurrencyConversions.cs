using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace Incentives.Eligibility;

/// <summary>Builds <see cref="CurrencyConversion"/> delegates for <see cref="MinOrderAmountRule"/> from the Money area's <see cref="ExchangeRate"/>.</summary>
/// <threadsafety>All members are thread-safe; the returned delegates are immutable and thread-safe.</threadsafety>
public static class CurrencyConversions
{
    /// <summary>
    /// Returns a conversion that uses <paramref name="rates"/> and their exact inverses (<see cref="ExchangeRate.Inverse"/>): a rate
    /// USD→CNY also converts CNY→USD. A pair with no rate either way makes the conversion return <see langword="false"/>
    /// (the rule then fails with <see cref="EligibilityCodes.OrderCurrencyMismatch"/>). There is no chaining through a third currency.
    /// </summary>
    /// <param name="rounding">
    /// How the exact converted amount is rounded to a minor unit of the minimum's currency (once, see
    /// <see cref="ExchangeRate.Convert(Money, MidpointRounding)"/>). For a minimum-order check, <see cref="MidpointRounding.ToZero"/>
    /// is the conservative choice: an order never qualifies because its converted amount was rounded up.
    /// </param>
    /// <param name="rates">The rates; a rate given explicitly wins over the inverse of another rate for the same pair.</param>
    /// <returns>The conversion.</returns>
    /// <remarks>
    /// The rates are copied into a frozen table, so later changes to the array do not affect the conversion. A conversion that
    /// overflows <see cref="Money"/> throws <see cref="OverflowException"/> (amounts that large are not orders). Converting runs exact
    /// big-integer arithmetic, which allocates a little; it is only reached for orders in another currency than the minimum.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> or one of its rates is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    /// <exception cref="ArgumentException">Two given rates for the same pair differ.</exception>
    public static CurrencyConversion FromRates(MidpointRounding rounding, params ExchangeRate[] rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (!Enum.IsDefined(rounding))
        {
            throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "Unknown MidpointRounding.");
        }

        var given = new Dictionary<(Currency From, Currency To), ExchangeRate>();
        foreach (var rate in rates)
        {
            ArgumentNullException.ThrowIfNull(rate, nameof(rates));
            if (given.TryGetValue((rate.From, rate.To), out var existing) && !existing.Equals(rate))
            {
                throw new ArgumentException($"Two different rates are given for {rate.From.Code} to {rate.To.Code}: {existing} and {rate}.", nameof(rates));
            }

            given[(rate.From, rate.To)] = rate;
        }

        var table = new Dictionary<(Currency From, Currency To), ExchangeRate>(given);
        foreach (var rate in given.Values)
        {
            table.TryAdd((rate.To, rate.From), rate.Inverse());
        }

        var frozen = table.ToFrozenDictionary();
        return (Money amount, Currency target, out Money converted) =>
        {
            if (amount.Currency == target)
            {
                converted = amount;
                return true;
            }

            if (frozen.TryGetValue((amount.Currency, target), out var rate))
            {
                converted = rate.Convert(amount, rounding);
                return true;
            }

            converted = default;
            return false;
        };
    }
}
