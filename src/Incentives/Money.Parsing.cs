using System;
using System.Diagnostics.CodeAnalysis;

namespace Incentives;

/// <content>Parsing the invariant form written by <see cref="ToString()"/>.</content>
public readonly partial struct Money : ISpanParsable<Money>
{
    /// <summary>
    /// Parses the invariant form <c>"CNY 1234.56"</c>: a currency code (any case), one space, and the amount with
    /// an optional leading <c>-</c>, digits and an optional <c>.</c> followed by digits.
    /// </summary>
    /// <remarks>
    /// <para>
    /// This is the one form that <see cref="ToString()"/> writes, so every amount round-trips exactly. Fewer decimal
    /// places than the currency has are fine (<c>"CNY 12.5"</c>, <c>"JPY 500"</c>), and so are extra trailing zeros
    /// (<c>"CNY 1.230"</c>); digits that the currency cannot hold (<c>"CNY 1.234"</c>) are an error, never a silent rounding.
    /// </para>
    /// <para>
    /// Not accepted, on purpose: the code after the amount (<c>"1234.56 CNY"</c>), symbols (<c>"¥1,234.56"</c>), group
    /// separators, a leading <c>+</c>, exponents, and surrounding or doubled white space. Culture-aware display text is
    /// for people, not for reading back.
    /// </para>
    /// </remarks>
    /// <param name="s">The text to parse.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The text is not in the form above, names an unknown currency, has more decimal places than the currency allows,
    /// or does not fit in a 64-bit count of minor units; the message says which.
    /// </exception>
    public static Money Parse(string s) => Parse(s, null);

    /// <summary>Parses the invariant form <c>"CNY 1234.56"</c>. See <see cref="Parse(string)"/>.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a valid amount; the message says why.</exception>
    public static Money Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <summary>Parses the invariant form <c>"CNY 1234.56"</c>. See <see cref="Parse(string)"/>.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="FormatException">The text is not a valid amount; the message says why.</exception>
    public static Money Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
    {
        var error = ParseCore(s, out var result);
        return error == ParseError.None ? result : throw new FormatException(Describe(error, s));
    }

    /// <summary>Tries to parse the invariant form <c>"CNY 1234.56"</c>. See <see cref="Parse(string)"/>.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The amount, or <c>default</c> when the text is not valid.</param>
    /// <returns><see langword="true"/> when the text is a valid amount.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out Money result) => TryParse(s, null, out result);

    /// <summary>Tries to parse the invariant form <c>"CNY 1234.56"</c>. See <see cref="Parse(string)"/>.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    /// <param name="result">The amount, or <c>default</c> when the text is not valid.</param>
    /// <returns><see langword="true"/> when the text is a valid amount.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Money result)
    {
        if (s is null)
        {
            result = default;
            return false;
        }

        return ParseCore(s, out result) == ParseError.None;
    }

    /// <summary>Tries to parse the invariant form <c>"CNY 1234.56"</c>, without allocating. See <see cref="Parse(string)"/>.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The amount, or <c>default</c> when the text is not valid.</param>
    /// <returns><see langword="true"/> when the text is a valid amount.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out Money result) => ParseCore(s, out result) == ParseError.None;

    /// <summary>Tries to parse the invariant form <c>"CNY 1234.56"</c>, without allocating. See <see cref="Parse(string)"/>.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    /// <param name="result">The amount, or <c>default</c> when the text is not valid.</param>
    /// <returns><see langword="true"/> when the text is a valid amount.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Money result) =>
        ParseCore(s, out result) == ParseError.None;

    private static ParseError ParseCore(ReadOnlySpan<char> s, out Money result)
    {
        result = default;
        var space = s.IndexOf(' ');
        if (space <= 0 || space == s.Length - 1)
        {
            return s.IsEmpty ? ParseError.Empty : ParseError.Form;
        }

        if (!Currency.TryFromCode(s[..space], out var currency))
        {
            return ParseError.UnknownCurrency;
        }

        return ParseAmountCore(s[(space + 1)..], currency, out result);
    }

    /// <summary>
    /// Parses an invariant amount such as <c>"1234.56"</c> or <c>"-5"</c> in the given currency, exactly: digits beyond the
    /// currency's minor unit must be zeros, so nothing is ever rounded. Used by the JSON readers.
    /// </summary>
    internal static bool TryParseAmount(ReadOnlySpan<char> amount, Currency currency, out Money result, out string? error)
    {
        var outcome = ParseAmountCore(amount, currency, out result);
        error = outcome switch
        {
            ParseError.None => null,
            ParseError.TooManyDecimals => $"\"{amount}\" has more decimal places than {currency.Code} allows ({currency.MinorUnitDigits}).",
            ParseError.Overflow => $"\"{amount}\" is too large: Money holds whole minor units from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807.",
            _ => $"\"{amount}\" is not a decimal amount such as \"1234.56\": write digits with an optional leading '-' and '.' as the decimal point.",
        };
        return outcome == ParseError.None;
    }

    private static ParseError ParseAmountCore(ReadOnlySpan<char> amount, Currency currency, out Money result)
    {
        result = default;
        if (amount.IsEmpty)
        {
            return ParseError.NotANumber;
        }

        var negative = amount[0] == '-';
        var digitsStart = negative ? 1 : 0;
        var point = -1;
        for (var i = digitsStart; i < amount.Length; i++)
        {
            if (amount[i] == '.' && point < 0 && i > digitsStart && i < amount.Length - 1)
            {
                point = i;
            }
            else if (!char.IsAsciiDigit(amount[i]))
            {
                return ParseError.NotANumber;
            }
        }

        if (digitsStart == amount.Length)
        {
            return ParseError.NotANumber;
        }

        var integerPart = point < 0 ? amount[digitsStart..] : amount[digitsStart..point];
        var fractionPart = point < 0 ? [] : amount[(point + 1)..];
        var allowed = currency.MinorUnitDigits;
        if (fractionPart.Length > allowed && fractionPart[allowed..].ContainsAnyExcept('0'))
        {
            return ParseError.TooManyDecimals;
        }

        // Accumulate the magnitude in minor units; 2^63 is the largest magnitude a long holds (for a negative amount).
        var limit = negative ? (UInt128)long.MaxValue + 1 : (UInt128)long.MaxValue;
        UInt128 magnitude = 0;
        foreach (var digit in integerPart)
        {
            magnitude = (magnitude * 10) + (uint)(digit - '0');
            if (magnitude > limit)
            {
                return ParseError.Overflow;
            }
        }

        for (var k = 0; k < allowed; k++)
        {
            magnitude = (magnitude * 10) + (k < fractionPart.Length ? (uint)(fractionPart[k] - '0') : 0u);
            if (magnitude > limit)
            {
                return ParseError.Overflow;
            }
        }

        var minor = negative ? unchecked(-(long)(ulong)magnitude) : (long)(ulong)magnitude;
        result = new Money(minor, currency, trusted: true);
        return ParseError.None;
    }

    private static string Describe(ParseError error, ReadOnlySpan<char> s)
    {
        var text = s.ToString();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var code = space > 0 ? text[..space] : text;
        var amount = space > 0 ? text[(space + 1)..] : string.Empty;
        return error switch
        {
            ParseError.Empty => "The text is empty; expected a currency code, a space and an amount, such as \"CNY 1234.56\".",
            ParseError.Form => $"\"{text}\" is not in the form \"<code> <amount>\", such as \"CNY 1234.56\".",
            ParseError.UnknownCurrency => $"\"{code}\" in \"{text}\" is not an ISO 4217 currency code nor the code of a defined custom unit.",
            ParseError.NotANumber => $"\"{amount}\" in \"{text}\" is not a number: write digits with an optional leading '-' and '.' as the decimal point, without group separators.",
            ParseError.TooManyDecimals => $"\"{amount}\" in \"{text}\" has more decimal places than {Currency.FromCode(code).Code} allows ({Currency.FromCode(code).MinorUnitDigits}); round it first with Money.FromDecimal and a MidpointRounding.",
            _ => $"\"{amount}\" in \"{text}\" overflows Money, which holds whole minor units from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807.",
        };
    }

    private enum ParseError
    {
        None,
        Empty,
        Form,
        UnknownCurrency,
        NotANumber,
        TooManyDecimals,
        Overflow,
    }
}
