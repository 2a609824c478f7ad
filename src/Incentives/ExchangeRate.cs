using System;
using System.Globalization;
using System.Numerics;

namespace Incentives;

/// <summary>
/// A rate for converting <see cref="Money"/> from one currency to another: one unit of <see cref="From"/> is worth
/// <see cref="Rate"/> units of <see cref="To"/>. Conversion is exact and then rounded once, with a rounding mode you choose.
/// </summary>
/// <remarks>
/// <para>
/// Direction matters, and the API keeps it explicit. A bank quote "6.9608 CNY per USD" means one USD buys 6.9608 CNY:
/// <c>ExchangeRate.FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD)</c> is the rate from USD to CNY, which
/// multiplies; its <see cref="Inverse"/> is the rate from CNY to USD, which divides by 6.9608. The inverse is kept as an
/// exact fraction, so converting with it is exact too (3,000,000,000 CNY is USD 430,984,944.2592..., rounded once).
/// </para>
/// <para>
/// A rate is positive. A rate from a currency to itself is 1 and converts to the same amount (the identity).
/// Equality: two rates are equal when they have the same currencies and exactly the same value
/// (<c>FromQuote(2m, B, A)</c> equals the inverse of <c>new ExchangeRate(B, A, 0.5m)</c>).
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class ExchangeRate : IEquatable<ExchangeRate>
{
    // The rate as an exact fraction in lowest terms: 1 From = numerator / denominator To.
    private readonly BigInteger numerator;
    private readonly BigInteger denominator;

    /// <summary>Initializes a rate under which one unit of <paramref name="from"/> is worth <paramref name="rate"/> units of <paramref name="to"/>.</summary>
    /// <param name="from">The currency converted from.</param>
    /// <param name="to">The currency converted to.</param>
    /// <param name="rate">Units of <paramref name="to"/> per one unit of <paramref name="from"/>; for example 0.14366 for CNY to USD.</param>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> or <paramref name="to"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="rate"/> is zero or negative, or not 1 while <paramref name="from"/> and <paramref name="to"/> are the same currency.
    /// </exception>
    public ExchangeRate(Currency from, Currency to, decimal rate)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        if (from == to && rate != 1m)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rate), rate, $"A rate from {from.Code} to itself must be 1; converting within one currency is the identity.");
        }

        var (mantissa, scale) = ExactArithmetic.Decompose(rate);
        var divisor = ExactArithmetic.Pow10(scale);
        var gcd = BigInteger.GreatestCommonDivisor(mantissa, divisor);
        From = from;
        To = to;
        numerator = mantissa / gcd;
        denominator = divisor / gcd;
    }

    private ExchangeRate(Currency from, Currency to, BigInteger numerator, BigInteger denominator)
    {
        From = from;
        To = to;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /// <summary>Gets the currency this rate converts from.</summary>
    public Currency From { get; }

    /// <summary>Gets the currency this rate converts to.</summary>
    public Currency To { get; }

    /// <summary>
    /// Gets how many units of <see cref="To"/> one unit of <see cref="From"/> is worth. Exact for a rate made from a
    /// decimal; for an <see cref="Inverse"/> it is the exact fraction rounded to <see cref="decimal"/> precision (28
    /// significant digits), while <see cref="Convert"/> keeps using the exact fraction.
    /// </summary>
    public decimal Rate => (decimal)numerator / (decimal)denominator;

    /// <summary>Gets a value indicating whether this rate converts a currency to itself.</summary>
    public bool IsIdentity => From == To;

    /// <summary>
    /// Creates a rate from a quote in the usual "price per unit" form: <c>FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD)</c>
    /// reads "6.9608 CNY per USD" and is the rate from USD to CNY. Use <see cref="Inverse"/> to convert CNY to USD.
    /// </summary>
    /// <param name="price">How many units of <paramref name="priceCurrency"/> one unit of <paramref name="perUnitOf"/> costs.</param>
    /// <param name="priceCurrency">The currency the price is in (the quote currency).</param>
    /// <param name="perUnitOf">The currency being priced (the base currency).</param>
    /// <returns>The rate from <paramref name="perUnitOf"/> to <paramref name="priceCurrency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="priceCurrency"/> or <paramref name="perUnitOf"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is zero or negative, or not 1 for a currency priced in itself.</exception>
    public static ExchangeRate FromQuote(decimal price, Currency priceCurrency, Currency perUnitOf)
    {
        ArgumentNullException.ThrowIfNull(priceCurrency);
        ArgumentNullException.ThrowIfNull(perUnitOf);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        return new ExchangeRate(perUnitOf, priceCurrency, price);
    }

    /// <summary>Returns the identity rate of a currency: 1, converting every amount to itself.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>The rate from <paramref name="currency"/> to itself.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    public static ExchangeRate Identity(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new ExchangeRate(currency, currency, BigInteger.One, BigInteger.One);
    }

    /// <summary>Returns the opposite rate, from <see cref="To"/> to <see cref="From"/>, exactly (1 / <see cref="Rate"/> as a fraction).</summary>
    /// <returns>The inverse rate.</returns>
    public ExchangeRate Inverse() => new(To, From, denominator, numerator);

    /// <summary>
    /// Converts an amount of <see cref="From"/> into <see cref="To"/>: the exact product is rounded once to the minor
    /// unit of <see cref="To"/> with <paramref name="rounding"/>. An identity rate returns <paramref name="money"/> unchanged.
    /// </summary>
    /// <param name="money">An amount in <see cref="From"/>.</param>
    /// <param name="rounding">How to round the exact result to a whole minor unit of <see cref="To"/>.</param>
    /// <returns>The converted amount.</returns>
    /// <exception cref="CurrencyMismatchException"><paramref name="money"/> is not in <see cref="From"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    /// <exception cref="OverflowException">The result does not fit in a 64-bit count of minor units.</exception>
    public Money Convert(Money money, MidpointRounding rounding)
    {
        if (money.Currency != From)
        {
            throw new CurrencyMismatchException(From, money.Currency, nameof(money));
        }

        Money.ThrowIfUndefined(rounding);
        if (IsIdentity)
        {
            return money;
        }

        // minor(To) = minor(From) / 10^dFrom * rate * 10^dTo, computed exactly and rounded once.
        var exact = ExactArithmetic.DivideRounded(
            money.MinorUnits * numerator * ExactArithmetic.Pow10(To.MinorUnitDigits),
            denominator * ExactArithmetic.Pow10(From.MinorUnitDigits),
            rounding);
        if (exact < long.MinValue || exact > long.MaxValue)
        {
            throw new OverflowException(
                $"Converting {money} to {To.Code} at {this} overflows Money, which holds whole minor units from {long.MinValue.ToString("N0", CultureInfo.InvariantCulture)} to {long.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        return Money.FromMinorUnits((long)exact, To);
    }

    /// <inheritdoc />
    public bool Equals(ExchangeRate? other) =>
        other is not null && From == other.From && To == other.To && numerator == other.numerator && denominator == other.denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExchangeRate);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(From, To, numerator, denominator);

    /// <summary>Returns the rate in invariant form, for example <c>"1 USD = 6.9608 CNY"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"1 {From.Code} = {Rate} {To.Code}");
}
