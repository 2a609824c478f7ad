using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Threading;

namespace Incentives;

/// <summary>
/// A unit of money: an ISO 4217 currency (such as <c>CNY</c>, <c>JPY</c> or <c>KWD</c>) or a custom unit
/// that an incentive programme pays in (points, coins), with the number of minor-unit digits that
/// <see cref="Money"/> counts in.
/// </summary>
/// <remarks>
/// <para>
/// Instances are canonical: there is exactly one <see cref="Currency"/> object per code, so equality is
/// identity and comparing two currencies costs one reference comparison.
/// </para>
/// <para>
/// ISO 4217 codes are always three letters. Custom units therefore must have codes of four or more
/// characters (see <see cref="DefineCustom"/>), so they can never collide with an ISO code, present or future.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe. Look-ups and definitions may run concurrently.</threadsafety>
public sealed class Currency : IEquatable<Currency>, IComparable<Currency>
{
    private const int MaxCustomCodeLength = 16;
    private const int MaxMinorUnitDigits = 9;

    private static readonly FrozenDictionary<string, Currency> IsoByCode = BuildIsoTable();
    private static readonly FrozenDictionary<int, Currency> IsoByNumericCode = BuildNumericTable();
    private static readonly Lock CustomGate = new();
    private static Dictionary<string, Currency> customByCode = new(StringComparer.OrdinalIgnoreCase);

    private readonly int hashCode;

    private Currency(string code, int numericCode, int minorUnitDigits, string englishName, bool isIso)
    {
        Code = code;
        NumericCode = numericCode;
        MinorUnitDigits = minorUnitDigits;
        EnglishName = englishName;
        hashCode = StringComparer.Ordinal.GetHashCode(code);
        IsIso = isIso;
        MinorUnitsPerUnit = Pow10(minorUnitDigits);
    }

    /// <summary>Gets the canonical upper-case code: the ISO 4217 alphabetic code, or the custom unit's code.</summary>
    public string Code { get; }

    /// <summary>Gets the ISO 4217 numeric code (for example 156 for CNY, 48 for BHD), or 0 for a custom unit.</summary>
    public int NumericCode { get; }

    /// <summary>Gets the ISO 4217 numeric code formatted with three digits, as ISO publishes it (for example <c>"048"</c>), or an empty string for a custom unit.</summary>
    public string NumericCodeText => IsIso ? NumericCode.ToString("D3", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Gets the number of decimal digits of the minor unit: 2 for CNY (fen), 0 for JPY, 3 for KWD, 4 for CLF.</summary>
    public int MinorUnitDigits { get; }

    /// <summary>Gets how many minor units make one major unit: 10 to the power <see cref="MinorUnitDigits"/>.</summary>
    public long MinorUnitsPerUnit { get; }

    /// <summary>Gets the English name of the currency as ISO 4217 lists it, or the name given to a custom unit.</summary>
    public string EnglishName { get; }

    /// <summary>Gets a value indicating whether this is an ISO 4217 currency (<see langword="true"/>) or a custom unit.</summary>
    public bool IsIso { get; }

    /// <summary>Gets every ISO 4217 currency this library ships, ordered by code.</summary>
    public static IReadOnlyList<Currency> IsoCurrencies { get; } = SortedIsoList();

    /// <summary>Gets the Chinese yuan renminbi (<c>CNY</c>, 156, 2 digits).</summary>
    public static Currency CNY { get; } = IsoByCode["CNY"];

    /// <summary>Gets the US dollar (<c>USD</c>, 840, 2 digits).</summary>
    public static Currency USD { get; } = IsoByCode["USD"];

    /// <summary>Gets the euro (<c>EUR</c>, 978, 2 digits).</summary>
    public static Currency EUR { get; } = IsoByCode["EUR"];

    /// <summary>Gets the Japanese yen (<c>JPY</c>, 392, 0 digits).</summary>
    public static Currency JPY { get; } = IsoByCode["JPY"];

    /// <summary>Gets the Hong Kong dollar (<c>HKD</c>, 344, 2 digits).</summary>
    public static Currency HKD { get; } = IsoByCode["HKD"];

    /// <summary>Gets the pound sterling (<c>GBP</c>, 826, 2 digits).</summary>
    public static Currency GBP { get; } = IsoByCode["GBP"];

    /// <summary>Gets the Kuwaiti dinar (<c>KWD</c>, 414, 3 digits).</summary>
    public static Currency KWD { get; } = IsoByCode["KWD"];

    /// <summary>
    /// Gets the ISO 4217 code <c>XXX</c>, "the codes assigned for transactions where no currency is involved".
    /// It is the currency of <c>default(Money)</c>.
    /// </summary>
    public static Currency XXX { get; } = IsoByCode["XXX"];

    /// <summary>Finds a currency or custom unit by code, ignoring case.</summary>
    /// <param name="code">An ISO 4217 alphabetic code such as <c>"cny"</c>, or the code of a defined custom unit.</param>
    /// <returns>The canonical currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No ISO 4217 currency or defined custom unit has that code.</exception>
    public static Currency FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryFromCode(code, out var currency)
            ? currency
            : throw new ArgumentException(
                $"'{code}' is not an ISO 4217 currency code nor the code of a defined custom unit.", nameof(code));
    }

    /// <summary>Finds a currency or custom unit by code, ignoring case.</summary>
    /// <param name="code">The code to look up.</param>
    /// <param name="currency">The canonical currency when found; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the code is known.</returns>
    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Currency? currency) =>
        TryFromCode(code.AsSpan(), out currency);

    /// <summary>Finds a currency or custom unit by code, ignoring case, without allocating.</summary>
    /// <param name="code">The code to look up.</param>
    /// <param name="currency">The canonical currency when found; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the code is known.</returns>
    public static bool TryFromCode(ReadOnlySpan<char> code, [NotNullWhen(true)] out Currency? currency)
    {
        if (code.Length == 3)
        {
            var lookup = IsoByCode.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(code, out currency))
            {
                return true;
            }
        }

        var custom = Volatile.Read(ref customByCode);
        if (code.Length > 3 && custom.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out currency))
        {
            return true;
        }

        currency = null;
        return false;
    }

    /// <summary>Finds an ISO 4217 currency by its numeric code (for example 48 for BHD).</summary>
    /// <param name="numericCode">The ISO 4217 numeric code.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No shipped ISO 4217 currency has that numeric code.</exception>
    public static Currency FromNumericCode(int numericCode) =>
        IsoByNumericCode.TryGetValue(numericCode, out var currency)
            ? currency
            : throw new ArgumentOutOfRangeException(
                nameof(numericCode), numericCode, "No active ISO 4217 currency shipped with this library has this numeric code.");

    /// <summary>
    /// Defines a custom unit that is not an ISO 4217 currency, such as loyalty points or in-app coins, or returns
    /// the existing definition when one with the same code, digits and name was defined before.
    /// </summary>
    /// <param name="code">
    /// The unit's code: 4 to 16 characters, ASCII letters, digits, <c>_</c> or <c>-</c>, starting with a letter
    /// (for example <c>"POINTS"</c>). ISO codes have three letters, so a custom code can never collide with one.
    /// It is stored upper-case.
    /// </param>
    /// <param name="minorUnitDigits">The number of minor-unit digits, 0 to 9 (0 for whole points).</param>
    /// <param name="name">A human-readable name.</param>
    /// <returns>The canonical unit for the code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The code is malformed, or the code is already defined with other digits or another name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minorUnitDigits"/> is outside 0 to 9.</exception>
    public static Currency DefineCustom(string code, int minorUnitDigits, string name)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(minorUnitDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minorUnitDigits, MaxMinorUnitDigits);
        if (!IsValidCustomCode(code))
        {
            throw new ArgumentException(
                $"'{code}' is not a valid custom unit code: use 4 to {MaxCustomCodeLength} ASCII letters, digits, '_' or '-', starting with a letter. " +
                "Three-letter codes are reserved for ISO 4217.",
                nameof(code));
        }

        var canonical = code.ToUpperInvariant();
        lock (CustomGate)
        {
            if (customByCode.TryGetValue(canonical, out var existing))
            {
                if (existing.MinorUnitDigits == minorUnitDigits && existing.EnglishName == name)
                {
                    return existing;
                }

                throw new ArgumentException(
                    $"The custom unit '{canonical}' is already defined with {existing.MinorUnitDigits} minor-unit digits and the name '{existing.EnglishName}'.",
                    nameof(code));
            }

            var created = new Currency(canonical, 0, minorUnitDigits, name, isIso: false);
            var copy = new Dictionary<string, Currency>(customByCode, StringComparer.OrdinalIgnoreCase) { [canonical] = created };
            Volatile.Write(ref customByCode, copy);
            return created;
        }
    }

    /// <inheritdoc />
    public bool Equals(Currency? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => hashCode;

    /// <summary>Orders currencies by code, ordinally.</summary>
    /// <param name="other">The currency to compare with; <see langword="null"/> sorts first.</param>
    /// <returns>A negative number, zero or a positive number.</returns>
    public int CompareTo(Currency? other) => other is null ? 1 : string.CompareOrdinal(Code, other.Code);

    /// <summary>Returns the canonical code, for example <c>"CNY"</c>.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code;

    /// <summary>Compares two currencies for identity.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    /// <returns><see langword="true"/> when both are the same currency.</returns>
    public static bool operator ==(Currency? left, Currency? right) => ReferenceEquals(left, right);

    /// <summary>Compares two currencies for identity.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    /// <returns><see langword="true"/> when they are different currencies.</returns>
    public static bool operator !=(Currency? left, Currency? right) => !ReferenceEquals(left, right);

    private static bool IsValidCustomCode(string code)
    {
        if (code.Length < 4 || code.Length > MaxCustomCodeLength || !char.IsAsciiLetter(code[0]))
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static long Pow10(int digits)
    {
        long result = 1;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static FrozenDictionary<string, Currency> BuildIsoTable()
    {
        var table = new Dictionary<string, Currency>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Iso4217Table.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            var code = fields[0];
            var numeric = int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
            // ISO lists "N.A." for units without a minor unit (gold, SDR, XXX, ...): they count in whole units.
            var digits = fields[2] == "-" ? 0 : int.Parse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture);
            table.Add(code, new Currency(code, numeric, digits, fields[3], isIso: true));
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<int, Currency> BuildNumericTable()
    {
        var table = new Dictionary<int, Currency>();
        foreach (var currency in IsoByCode.Values)
        {
            table.Add(currency.NumericCode, currency);
        }

        return table.ToFrozenDictionary();
    }

    private static ReadOnlyCollection<Currency> SortedIsoList()
    {
        var list = new Currency[IsoByCode.Count];
        IsoByCode.Values.CopyTo(list, 0);
        Array.Sort(list);
        return Array.AsReadOnly(list);
    }
}
