using System;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Incentives;

/// <summary>
/// Culture data for the "C" format of <see cref="Money"/>: the number format of a culture with the symbol and decimal
/// places of another currency.
/// </summary>
internal static class CurrencySymbols
{
    private static readonly Lazy<FrozenDictionary<string, string>> SymbolsByCode = new(BuildSymbols);

    // Read-only cultures (CultureInfo.GetCultureInfo, the predefined ones) are cached, so that formatting allocates once
    // per culture and currency; a user's mutable culture is honoured as it is now.
    private static readonly ConditionalWeakTable<CultureInfo, ConcurrentDictionary<Currency, NumberFormatInfo>> Cache = new();

    /// <summary>Returns the number format to format an amount of <paramref name="currency"/> with the "C" format.</summary>
    internal static NumberFormatInfo GetFormat(IFormatProvider? provider, Currency currency)
    {
        var culture = provider as CultureInfo ?? (provider is null ? CultureInfo.CurrentCulture : null);
        if (culture is null)
        {
            return Create(NumberFormatInfo.GetInstance(provider), regionCurrency: null, currency);
        }

        if (!culture.IsReadOnly)
        {
            return Create(culture.NumberFormat, RegionCurrency(culture), currency);
        }

        var perCurrency = Cache.GetValue(culture, static _ => new ConcurrentDictionary<Currency, NumberFormatInfo>());
        return perCurrency.TryGetValue(currency, out var format)
            ? format
            : perCurrency.GetOrAdd(currency, static (c, ci) => Create(ci.NumberFormat, RegionCurrency(ci), c), culture);
    }

    /// <summary>Returns the symbol the culture data gives the currency, or <see langword="null"/> when it has none.</summary>
    internal static string? FindSymbol(Currency currency) =>
        SymbolsByCode.Value.TryGetValue(currency.Code, out var symbol) ? symbol : null;

    private static NumberFormatInfo Create(NumberFormatInfo cultureFormat, string? regionCurrency, Currency currency)
    {
        var format = (NumberFormatInfo)cultureFormat.Clone();
        format.CurrencyDecimalDigits = currency.MinorUnitDigits;
        if (string.Equals(regionCurrency, currency.Code, StringComparison.Ordinal))
        {
            return format;
        }

        var symbol = FindSymbol(currency);
        if (symbol is not null)
        {
            format.CurrencySymbol = symbol;
            return format;
        }

        // No symbol: show the code, separated by a space so that "POINTS1,500" never happens.
        format.CurrencySymbol = currency.Code;
        format.CurrencyPositivePattern = format.CurrencyPositivePattern switch
        {
            0 => 2, // $n -> $ n
            1 => 3, // n$ -> n $
            var p => p,
        };
        format.CurrencyNegativePattern = format.CurrencyNegativePattern switch
        {
            0 => 14, // ($n) -> ($ n)
            1 => 9, // -$n -> -$ n
            2 => 12, // $-n -> $ -n
            3 => 11, // $n- -> $ n-
            4 => 15, // (n$) -> (n $)
            5 => 8, // -n$ -> -n $
            6 => 13, // n-$ -> n- $
            7 => 10, // n$- -> n $-
            var p => p,
        };
        return format;
    }

    private static string? RegionCurrency(CultureInfo culture)
    {
        if (culture.IsNeutralCulture || culture.Name.Length == 0)
        {
            return null;
        }

        try
        {
            return new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static FrozenDictionary<string, string> BuildSymbols()
    {
        var symbols = new Dictionary<string, string>(StringComparer.Ordinal);

        // First choice: the currency's home region, named by the first two letters of an ISO code (CN for CNY, US for USD).
        foreach (var currency in Currency.IsoCurrencies)
        {
            var region = TryRegion(currency.Code[..2]);
            if (region is not null && region.ISOCurrencySymbol == currency.Code && IsSymbol(region.CurrencySymbol, currency.Code))
            {
                symbols[currency.Code] = region.CurrencySymbol;
            }
        }

        // Then any region that uses it (EUR has no home region), the first by ordinal culture name so that it is stable.
        var cultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures);
        Array.Sort(cultures, static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        foreach (var culture in cultures)
        {
            var region = TryRegion(culture.Name);
            if (region is not null && !symbols.ContainsKey(region.ISOCurrencySymbol) && IsSymbol(region.CurrencySymbol, region.ISOCurrencySymbol))
            {
                symbols[region.ISOCurrencySymbol] = region.CurrencySymbol;
            }
        }

        return symbols.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool IsSymbol(string symbol, string code) =>
        symbol.Length > 0 && !string.Equals(symbol, code, StringComparison.Ordinal);

    private static RegionInfo? TryRegion(string name)
    {
        try
        {
            return new RegionInfo(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
