using System;
using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Incentives;

/// <summary>
/// An exact amount of money: a whole number of minor units (fen, cents, fils) of one <see cref="Incentives.Currency"/>.
/// </summary>
/// <remarks>
/// <para>
/// Money never rounds silently. Construction from a <see cref="decimal"/> with more decimal places than the
/// currency has requires an explicit <see cref="MidpointRounding"/>; multiplication by a fraction takes one
/// too; and division is offered only as allocation (<see cref="Allocate(int)"/>), which returns every part so
/// that nothing is lost. Arithmetic is overflow-checked and refuses to mix currencies
/// (<see cref="CurrencyMismatchException"/>).
/// </para>
/// <para>
/// Equality: two amounts are equal when they have the same currency and the same number of minor units.
/// Ordering (<see cref="CompareTo(Money)"/>, <c>&lt;</c>, <c>&gt;</c>) is defined only within one currency.
/// </para>
/// <para>
/// <c>default(Money)</c> is zero of <see cref="Currency.XXX"/> ("no currency").
/// </para>
/// </remarks>
/// <threadsafety>This type is an immutable value type and is thread-safe.</threadsafety>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.MoneyJsonConverter))]
public readonly partial struct Money :
    IEquatable<Money>,
    IComparable<Money>,
    IComparable,
    IComparisonOperators<Money, Money, bool>,
    IAdditionOperators<Money, Money, Money>,
    ISubtractionOperators<Money, Money, Money>,
    IUnaryNegationOperators<Money, Money>,
    IUnaryPlusOperators<Money, Money>,
    IMultiplyOperators<Money, long, Money>
{
    private readonly Currency? currency;

    /// <summary>Initializes a new amount from a count of minor units.</summary>
    /// <param name="minorUnits">The amount in minor units: 123456 means 1,234.56 for CNY.</param>
    /// <param name="currency">The currency.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    public Money(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        MinorUnits = minorUnits;
        this.currency = currency;
    }

    // Used where the currency is already known to be valid; null stands for XXX as in default(Money).
    private Money(long minorUnits, Currency? currency, bool trusted)
    {
        _ = trusted;
        MinorUnits = minorUnits;
        this.currency = currency;
    }

    /// <summary>Gets the amount as a whole number of minor units (fen for CNY, yen for JPY, fils for KWD).</summary>
    public long MinorUnits { get; }

    /// <summary>Gets the currency.</summary>
    public Currency Currency => currency ?? Currency.XXX;

    /// <summary>Gets the amount in major units as a <see cref="decimal"/>, exactly (for example 1234.56).</summary>
    public decimal Amount => ScaleDown(MinorUnits, Currency.MinorUnitDigits);

    /// <summary>Gets a value indicating whether the amount is zero.</summary>
    public bool IsZero => MinorUnits == 0;

    /// <summary>Gets a value indicating whether the amount is greater than zero.</summary>
    public bool IsPositive => MinorUnits > 0;

    /// <summary>Gets a value indicating whether the amount is less than zero.</summary>
    public bool IsNegative => MinorUnits < 0;

    /// <summary>Gets -1, 0 or 1 for a negative, zero or positive amount.</summary>
    public int Sign => Math.Sign(MinorUnits);

    /// <summary>Returns zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>Zero minor units of <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>Creates an amount from a count of minor units.</summary>
    /// <param name="minorUnits">The amount in minor units.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    public static Money FromMinorUnits(long minorUnits, Currency currency) => new(minorUnits, currency);

    /// <summary>Creates an amount from a decimal number of major units that the currency can represent exactly.</summary>
    /// <param name="amount">The amount in major units, for example <c>1234.56m</c>. Trailing zeros are ignored.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The exact amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="amount"/> has more decimal places than <paramref name="currency"/> has minor-unit digits;
    /// use <see cref="FromDecimal(decimal, Currency, MidpointRounding)"/> to round it deliberately.
    /// </exception>
    /// <exception cref="OverflowException">The amount does not fit in a 64-bit count of minor units.</exception>
    public static Money FromDecimal(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var (mantissa, scale) = ExactArithmetic.Decompose(amount);
        var scaled = mantissa * ExactArithmetic.Pow10(currency.MinorUnitDigits);
        var divisor = ExactArithmetic.Pow10(scale);
        var minor = BigInteger.DivRem(scaled, divisor, out var remainder);
        if (!remainder.IsZero)
        {
            throw new ArgumentException(
                $"{amount.ToString(CultureInfo.InvariantCulture)} has more decimal places than {currency.Code} allows ({currency.MinorUnitDigits}); " +
                "pass a MidpointRounding to round it explicitly.",
                nameof(amount));
        }

        return FitsInt64(minor)
            ? new Money((long)minor, currency)
            : throw Overflow($"Converting a decimal amount, {amount.ToString(CultureInfo.InvariantCulture)} {currency.Code},");
    }

    /// <summary>Creates an amount from a decimal number of major units, rounding to the currency's minor unit with the given mode.</summary>
    /// <param name="amount">The amount in major units.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="rounding">How to round when <paramref name="amount"/> has more decimal places than the currency.</param>
    /// <returns>The rounded amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    /// <exception cref="OverflowException">The amount does not fit in a 64-bit count of minor units.</exception>
    public static Money FromDecimal(decimal amount, Currency currency, MidpointRounding rounding)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ThrowIfUndefined(rounding);
        var (mantissa, scale) = ExactArithmetic.Decompose(amount);
        var minor = ExactArithmetic.DivideRounded(
            mantissa * ExactArithmetic.Pow10(currency.MinorUnitDigits), ExactArithmetic.Pow10(scale), rounding);
        return FitsInt64(minor)
            ? new Money((long)minor, currency)
            : throw Overflow($"Converting a decimal amount, {amount.ToString(CultureInfo.InvariantCulture)} {currency.Code},");
    }

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The sum does not fit in a 64-bit count of minor units.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Money Plus(Money other)
    {
        // Hot path: a reference comparison of the raw fields, an add and a sign test; everything else is out of line.
        var c = currency;
        if (!ReferenceEquals(c, other.currency))
        {
            c = SameCurrencySlow(c, other.currency, nameof(other));
        }

        var a = MinorUnits;
        var b = other.MinorUnits;
        var sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            ThrowOverflow(OverflowOperation.Add, a, b, c);
        }

        return new Money(sum, c, trusted: true);
    }

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="other">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The difference does not fit in a 64-bit count of minor units.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Money Minus(Money other)
    {
        var c = currency;
        if (!ReferenceEquals(c, other.currency))
        {
            c = SameCurrencySlow(c, other.currency, nameof(other));
        }

        var a = MinorUnits;
        var b = other.MinorUnits;
        var difference = unchecked(a - b);
        if (((a ^ b) & (a ^ difference)) < 0)
        {
            ThrowOverflow(OverflowOperation.Subtract, a, b, c);
        }

        return new Money(difference, c, trusted: true);
    }

    /// <summary>Returns the amount with the opposite sign.</summary>
    /// <returns>The negated amount.</returns>
    /// <exception cref="OverflowException">The amount is the most negative representable amount.</exception>
    public Money Negate()
    {
        if (MinorUnits == long.MinValue)
        {
            ThrowOverflow(OverflowOperation.Negate, MinorUnits, 0, currency);
        }

        return new Money(-MinorUnits, currency, trusted: true);
    }

    /// <summary>Returns the absolute value of the amount.</summary>
    /// <returns>The amount without its sign.</returns>
    /// <exception cref="OverflowException">The amount is the most negative representable amount.</exception>
    public Money Abs() => MinorUnits < 0 ? Negate() : this;

    /// <summary>Multiplies the amount by a whole number, exactly.</summary>
    /// <param name="factor">The multiplier.</param>
    /// <returns>The product.</returns>
    /// <exception cref="OverflowException">The product does not fit in a 64-bit count of minor units.</exception>
    public Money Multiply(long factor)
    {
        var high = Math.BigMul(MinorUnits, factor, out var low);
        if (high != (low >> 63))
        {
            ThrowMultiplyOverflow(this, factor);
        }

        return new Money(low, currency, trusted: true);
    }

    /// <summary>
    /// Multiplies the amount by a fraction, such as a percentage or an exchange rate, and rounds the exact
    /// result to the minor unit with the given mode: "8% of the order, rounded down" is
    /// <c>order.Multiply(0.08m, MidpointRounding.ToZero)</c>.
    /// </summary>
    /// <param name="factor">The multiplier, for example <c>0.08m</c>.</param>
    /// <param name="rounding">How to round the exact product to a whole minor unit.</param>
    /// <returns>The rounded product.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    /// <exception cref="OverflowException">The product does not fit in a 64-bit count of minor units.</exception>
    public Money Multiply(decimal factor, MidpointRounding rounding)
    {
        ThrowIfUndefined(rounding);
        var (mantissa, scale) = ExactArithmetic.Decompose(factor);
        var minor = ExactArithmetic.DivideRounded(MinorUnits * mantissa, ExactArithmetic.Pow10(scale), rounding);
        return FitsInt64(minor)
            ? new Money((long)minor, currency, trusted: true)
            : throw Overflow($"Multiplying {this} by {factor.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Returns the smaller of two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The smaller amount (<paramref name="left"/> when equal).</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money Min(Money left, Money right) => left.CompareTo(right) <= 0 ? left : right;

    /// <summary>Returns the larger of two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The larger amount (<paramref name="left"/> when equal).</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money Max(Money left, Money right) => left.CompareTo(right) >= 0 ? left : right;

    /// <summary>Compares with another amount of the same currency.</summary>
    /// <param name="other">The amount to compare with.</param>
    /// <returns>A negative number, zero, or a positive number when this amount is smaller, equal or larger.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        CheckSameCurrency(currency, other.currency, nameof(other));
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Money"/>.</exception>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        Money other => CompareTo(other),
        _ => throw new ArgumentException("Object must be of type Money.", nameof(obj)),
    };

    /// <summary>Compares currency and minor units.</summary>
    /// <param name="other">The amount to compare with.</param>
    /// <returns><see langword="true"/> when both have the same currency and the same number of minor units.</returns>
    public bool Equals(Money other) =>
        MinorUnits == other.MinorUnits && (ReferenceEquals(currency, other.currency) || ReferenceEquals(Currency, other.Currency));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MinorUnits, Currency);

    /// <summary>Adds two amounts of the same currency. See <see cref="Plus(Money)"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum.</returns>
    public static Money operator +(Money left, Money right) => left.Plus(right);

    /// <summary>Subtracts two amounts of the same currency. See <see cref="Minus(Money)"/>.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    public static Money operator -(Money left, Money right) => left.Minus(right);

    /// <summary>Negates an amount. See <see cref="Negate"/>.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The negated amount.</returns>
    public static Money operator -(Money value) => value.Negate();

    /// <summary>Returns the amount unchanged.</summary>
    /// <param name="value">The amount.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static Money operator +(Money value) => value;

    /// <summary>Multiplies an amount by a whole number. See <see cref="Multiply(long)"/>.</summary>
    /// <param name="left">The amount.</param>
    /// <param name="right">The multiplier.</param>
    /// <returns>The product.</returns>
    public static Money operator *(Money left, long right) => left.Multiply(right);

    /// <summary>Multiplies an amount by a whole number. See <see cref="Multiply(long)"/>.</summary>
    /// <param name="left">The multiplier.</param>
    /// <param name="right">The amount.</param>
    /// <returns>The product.</returns>
    public static Money operator *(long left, Money right) => right.Multiply(left);

    /// <summary>Compares currency and minor units for equality.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Compares currency and minor units for inequality.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is smaller.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right)
    {
        CheckSameCurrency(left.currency, right.currency, nameof(right));
        return left.MinorUnits < right.MinorUnits;
    }

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is smaller or equal.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right)
    {
        CheckSameCurrency(left.currency, right.currency, nameof(right));
        return left.MinorUnits <= right.MinorUnits;
    }

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is larger.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right)
    {
        CheckSameCurrency(left.currency, right.currency, nameof(right));
        return left.MinorUnits > right.MinorUnits;
    }

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is larger or equal.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right)
    {
        CheckSameCurrency(left.currency, right.currency, nameof(right));
        return left.MinorUnits >= right.MinorUnits;
    }

    internal static void ThrowIfUndefined(MidpointRounding rounding, string paramName = "rounding")
    {
        if (!Enum.IsDefined(rounding))
        {
            throw new ArgumentOutOfRangeException(paramName, rounding, "Not a defined MidpointRounding mode.");
        }
    }

    private static decimal ScaleDown(long minorUnits, int digits) => new(
        (int)(uint)(ulong)(Int128.Abs(minorUnits) & uint.MaxValue),
        (int)(uint)(ulong)(Int128.Abs(minorUnits) >> 32),
        0,
        minorUnits < 0,
        (byte)digits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckSameCurrency(Currency? mine, Currency? theirs, string paramName)
    {
        if (!ReferenceEquals(mine, theirs))
        {
            SameCurrencySlow(mine, theirs, paramName);
        }
    }

    // The raw fields differ: either the currencies really differ, or one side is default(Money) (null, meaning XXX).
    // Static and by value so that the hot paths never take the address of an amount.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Currency SameCurrencySlow(Currency? mine, Currency? theirs, string paramName)
    {
        var left = mine ?? Currency.XXX;
        var right = theirs ?? Currency.XXX;
        return ReferenceEquals(left, right) ? left : throw new CurrencyMismatchException(left, right, paramName);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverflow(OverflowOperation operation, long left, long right, Currency? currency)
    {
        var l = new Money(left, currency, trusted: true);
        var r = new Money(right, currency, trusted: true);
        throw operation switch
        {
            OverflowOperation.Add => Overflow($"Adding {r} to {l}"),
            OverflowOperation.Subtract => Overflow($"Subtracting {r} from {l}"),
            _ => Overflow($"Negating {l}"),
        };
    }

    private static bool FitsInt64(BigInteger minorUnits) => minorUnits >= long.MinValue && minorUnits <= long.MaxValue;

    private static OverflowException Overflow(string operation) =>
        new($"{operation} overflows Money, which holds whole minor units from {long.MinValue.ToString("N0", CultureInfo.InvariantCulture)} to {long.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMultiplyOverflow(Money money, long factor) =>
        throw Overflow($"Multiplying {money} by {factor.ToString(CultureInfo.InvariantCulture)}");

    private enum OverflowOperation
    {
        Add,
        Subtract,
        Negate,
    }
}
