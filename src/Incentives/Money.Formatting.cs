using System;
using System.Globalization;

namespace Incentives;

/// <content>Formatting: the invariant round-trip form and culture-aware display.</content>
public readonly partial struct Money : ISpanFormattable
{
    // Cached so that formatting with "N" never builds a format string.
    private static readonly string[] NumberFormats = ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"];

    /// <summary>
    /// Returns the invariant round-trip form: the currency code, a space, and the amount with exactly the
    /// currency's number of decimal places and no group separators, for example <c>"CNY 1234.56"</c> or <c>"JPY -500"</c>.
    /// <see cref="Parse(string)"/> reads it back.
    /// </summary>
    /// <returns>The invariant text.</returns>
    public override string ToString() => ToString(null, null);

    /// <summary>Formats the amount with one of the formats below.</summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>format</term><description>result for CNY 1234.56 (and the culture used)</description></listheader>
    /// <item><term><see langword="null"/>, <c>""</c> or <c>"G"</c></term><description><c>CNY 1234.56</c>: the invariant round-trip form; the provider is ignored.</description></item>
    /// <item><term><c>"A"</c></term><description><c>1234.56</c>: the amount only, invariant, exactly the currency's decimal places; the provider is ignored.</description></item>
    /// <item><term><c>"N"</c></term><description><c>1,234.56</c> (en-US) or <c>1.234,56</c> (de-DE): the amount only, with the provider's group and decimal separators and the currency's decimal places.</description></item>
    /// <item><term><c>"C"</c></term><description><c>¥1,234.56</c> (en-US, zh-CN): the provider's currency pattern and separators with the symbol of the amount's currency,
    /// taken from the provider's own region when it uses that currency, else from the currency's home region in the culture data
    /// (<c>$</c> for USD, <c>£</c> for GBP, <c>€</c> for EUR); a currency without a known symbol (a custom unit, XXX) shows its code
    /// followed or preceded by a space: <c>POINTS 1,500</c>.</description></item>
    /// </list>
    /// Format letters are case-insensitive. <see langword="null"/> as the provider means the current culture for "N" and "C".
    /// </remarks>
    /// <param name="format">The format: <see langword="null"/>, "G", "A", "N" or "C".</param>
    /// <param name="formatProvider">The culture for "N" and "C"; ignored by "G" and "A".</param>
    /// <returns>The formatted text.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not one of the formats above.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var kind = ParseFormat(format);
        switch (kind)
        {
            case 'N':
                return Amount.ToString(NumberFormats[Currency.MinorUnitDigits], formatProvider);
            case 'C':
                return Amount.ToString("C", CurrencySymbols.GetFormat(formatProvider, Currency));
            default:
                Span<char> buffer = stackalloc char[MaxInvariantLength];
                var ok = TryFormatInvariant(buffer, out var written, kind == 'G');
                System.Diagnostics.Debug.Assert(ok, "The buffer holds the longest invariant form.");
                return new string(buffer[..written]);
        }
    }

    /// <summary>Formats the amount into a span without allocating. See <see cref="ToString(string?, IFormatProvider?)"/> for the formats.</summary>
    /// <param name="destination">The span to write to.</param>
    /// <param name="charsWritten">The number of characters written.</param>
    /// <param name="format">The format: empty, "G", "A", "N" or "C".</param>
    /// <param name="provider">The culture for "N" and "C"; ignored by "G" and "A".</param>
    /// <returns><see langword="true"/> when the text fitted; otherwise <see langword="false"/> and <paramref name="charsWritten"/> is 0.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not one of the supported formats.</exception>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var kind = ParseFormat(format);
        return kind switch
        {
            'N' => Amount.TryFormat(destination, out charsWritten, NumberFormats[Currency.MinorUnitDigits], provider),
            'C' => Amount.TryFormat(destination, out charsWritten, "C", CurrencySymbols.GetFormat(provider, Currency)),
            _ => TryFormatInvariant(destination, out charsWritten, kind == 'G'),
        };
    }

    // The longest invariant form: a 16-character custom code, a space, a sign, 19 digits and a decimal point.
    private const int MaxInvariantLength = 48;

    internal string FormatInvariantAmount() => ToString("A", null);

    internal bool TryFormatInvariant(Span<char> destination, out int charsWritten, bool withCode)
    {
        charsWritten = 0;
        var c = Currency;
        var pos = 0;
        if (withCode)
        {
            var code = c.Code;
            if (destination.Length < code.Length + 1)
            {
                return false;
            }

            code.CopyTo(destination);
            destination[code.Length] = ' ';
            pos = code.Length + 1;
        }

        var negative = MinorUnits < 0;

        // Two's complement: the magnitude of long.MinValue is 2^63, which fits in ulong.
        var magnitude = negative ? unchecked((ulong)(-(MinorUnits + 1)) + 1) : (ulong)MinorUnits;
        var digits = c.MinorUnitDigits;
        var perUnit = (ulong)c.MinorUnitsPerUnit;
        var whole = magnitude / perUnit;
        var fraction = magnitude % perUnit;
        if (negative)
        {
            if (pos >= destination.Length)
            {
                return false;
            }

            destination[pos++] = '-';
        }

        if (!whole.TryFormat(destination[pos..], out var written, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        pos += written;
        if (digits > 0)
        {
            if (destination.Length - pos < digits + 1)
            {
                return false;
            }

            destination[pos++] = '.';
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[pos + i] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }

            pos += digits;
        }

        charsWritten = pos;
        return true;
    }

    private static char ParseFormat(ReadOnlySpan<char> format)
    {
        if (format.IsEmpty)
        {
            return 'G';
        }

        if (format.Length == 1)
        {
            var letter = char.ToUpperInvariant(format[0]);
            if (letter is 'G' or 'A' or 'N' or 'C')
            {
                return letter;
            }
        }

        throw new FormatException(
            $"The format '{format.ToString()}' is not supported by Money: use \"G\" (CNY 1234.56), \"A\" (1234.56), \"N\" (1,234.56) or \"C\" (¥1,234.56).");
    }
}
