using System;
using System.Collections.Generic;
using System.Linq;
using Incentives.Tests.Support;

namespace Incentives.Tests;

public sealed class CurrencyTests
{
    [Theory]
    // Minor units and numeric codes from ISO 4217 List One (SIX Financial Information AG), the source of the shipped table.
    [InlineData("CNY", 156, 2)]
    [InlineData("USD", 840, 2)]
    [InlineData("EUR", 978, 2)]
    [InlineData("JPY", 392, 0)]
    [InlineData("KRW", 410, 0)]
    [InlineData("KWD", 414, 3)]
    [InlineData("BHD", 48, 3)]
    [InlineData("TND", 788, 3)]
    [InlineData("CLF", 990, 4)]
    [InlineData("UYW", 927, 4)]
    [InlineData("BOV", 984, 2)]
    [InlineData("UYI", 940, 0)]
    [InlineData("ZWG", 924, 2)]
    [InlineData("XCG", 532, 2)]
    [InlineData("SLE", 925, 2)]
    [InlineData("VED", 926, 2)]
    [InlineData("XAU", 959, 0)]
    [InlineData("XXX", 999, 0)]
    public void Iso_table_pins_numeric_code_and_minor_units(string code, int numeric, int digits)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(code, currency.Code);
        Assert.Equal(numeric, currency.NumericCode);
        Assert.Equal(digits, currency.MinorUnitDigits);
        Assert.True(currency.IsIso);
    }

    [Fact]
    public void Bahraini_dinar_numeric_code_is_written_048()
    {
        // ISO 4217 publishes numeric codes with three digits: BHD is "048".
        Assert.Equal("048", Currency.FromCode("BHD").NumericCodeText);
        Assert.Same(Currency.FromCode("BHD"), Currency.FromNumericCode(48));
    }

    [Fact]
    public void Iso_table_has_every_active_code_and_no_withdrawn_one()
    {
        var codes = Currency.IsoCurrencies.Select(c => c.Code).ToList();

        Assert.Equal(178, codes.Count);
        Assert.Equal(codes.OrderBy(c => c, StringComparer.Ordinal), codes);
        Assert.All(Currency.IsoCurrencies, c => Assert.Matches("^[A-Z]{3}$", c.Code));
        Assert.Equal(178, Currency.IsoCurrencies.Select(c => c.NumericCode).Distinct().Count());
        Assert.All(Currency.IsoCurrencies, c => Assert.False(string.IsNullOrWhiteSpace(c.EnglishName)));

        // Withdrawn: ANG (2025-03, replaced by XCG), HRK (2023-01), SLL (2023-12), CUC (2021-06), ZWL (replaced by ZWG).
        foreach (var withdrawn in new[] { "ANG", "HRK", "SLL", "CUC", "ZWL", "VEF", "BYR" })
        {
            Assert.False(Currency.TryFromCode(withdrawn, out _), withdrawn);
        }
    }

    [Fact]
    public void Iso_list_is_read_only()
    {
        var list = (IList<Currency>)Currency.IsoCurrencies;

        Assert.Throws<NotSupportedException>(() => list[0] = Currency.USD);
    }

    [Theory]
    [InlineData("cny")]
    [InlineData("Cny")]
    [InlineData("CNY")]
    public void Look_up_ignores_case_and_returns_the_canonical_instance(string code)
    {
        Assert.Same(Currency.CNY, Currency.FromCode(code));
        Assert.True(Currency.TryFromCode(code.AsSpan(), out var viaSpan));
        Assert.Same(Currency.CNY, viaSpan);
        Assert.Equal("CNY", Currency.FromCode(code).ToString());
    }

    [Fact]
    public void Unknown_code_is_an_argument_exception_naming_the_code()
    {
        var e = Assert.Throws<ArgumentException>(() => Currency.FromCode("ABC"));

        Assert.Equal("code", e.ParamName);
        Assert.Contains("'ABC'", e.Message, StringComparison.Ordinal);
        Assert.False(Currency.TryFromCode("ABC", out var none));
        Assert.Null(none);
        Assert.False(Currency.TryFromCode((string?)null, out _));
        Assert.Equal("code", Assert.Throws<ArgumentNullException>(() => Currency.FromCode(null!)).ParamName);
    }

    [Fact]
    public void Unknown_numeric_code_is_out_of_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Currency.FromNumericCode(1));

        Assert.Equal("numericCode", e.ParamName);
    }

    [Fact]
    public void Custom_unit_is_canonical_upper_case_and_found_ignoring_case()
    {
        var points = Currency.DefineCustom("CT-Points", 0, "Loyalty points");

        Assert.Equal("CT-POINTS", points.Code);
        Assert.Same(points, Currency.FromCode("ct-points"));
        Assert.False(points.IsIso);
        Assert.Equal(0, points.NumericCode);
        Assert.Equal(string.Empty, points.NumericCodeText);
        Assert.Equal(1, points.MinorUnitsPerUnit);
        Assert.Equal("Loyalty points", points.EnglishName);
    }

    [Fact]
    public void Defining_the_same_custom_unit_twice_returns_the_first_definition()
    {
        var first = Currency.DefineCustom("CT-COINS", 2, "Coins");

        Assert.Same(first, Currency.DefineCustom("ct-coins", 2, "Coins"));
    }

    [Fact]
    public void Redefining_a_custom_unit_differently_is_rejected()
    {
        Currency.DefineCustom("CT-STARS", 0, "Stars");

        var e = Assert.Throws<ArgumentException>(() => Currency.DefineCustom("CT-STARS", 2, "Stars"));
        Assert.Equal("code", e.ParamName);
        Assert.Contains("already defined", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CNY")] // an ISO code
    [InlineData("PTS")] // any three letters are reserved for ISO 4217, present or future
    [InlineData("AB")]
    [InlineData("1POINTS")]
    [InlineData("POINTS!")]
    [InlineData("POINTS AND MILES")]
    [InlineData("AVERYLONGCUSTOMCODE")]
    [InlineData("")]
    public void Custom_code_that_could_collide_with_iso_or_is_malformed_is_rejected(string code)
    {
        var e = Assert.Throws<ArgumentException>(() => Currency.DefineCustom(code, 0, "Points"));

        Assert.Equal("code", e.ParamName);
    }

    [Fact]
    public void Custom_unit_arguments_are_guarded()
    {
        Assert.Equal("code", Assert.Throws<ArgumentNullException>(() => Currency.DefineCustom(null!, 0, "x")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => Currency.DefineCustom("CT-GUARD", 0, null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Currency.DefineCustom("CT-GUARD", 0, " ")).ParamName);
        Assert.Equal("minorUnitDigits", Assert.Throws<ArgumentOutOfRangeException>(() => Currency.DefineCustom("CT-GUARD", -1, "x")).ParamName);
        Assert.Equal("minorUnitDigits", Assert.Throws<ArgumentOutOfRangeException>(() => Currency.DefineCustom("CT-GUARD", 10, "x")).ParamName);
    }

    [Fact]
    public void Currencies_are_equal_only_to_themselves_and_order_by_code()
    {
        Assert.True(Currency.CNY == Currency.FromCode("cny"));
        Assert.True(Currency.CNY != Currency.USD);
        Assert.True(Currency.CNY.Equals((object)Currency.CNY));
        Assert.False(Currency.CNY.Equals(Currency.USD));
        Assert.False(Currency.CNY.Equals(null));
        Assert.Equal(Currency.CNY.GetHashCode(), Currency.FromCode("CNY").GetHashCode());
        Assert.True(Currency.CNY.CompareTo(Currency.USD) < 0);
        Assert.True(Currency.CNY.CompareTo(null) > 0);
    }

    [Fact]
    public void Named_currencies_are_the_table_entries()
    {
        Assert.Equal(
            new[] { "CNY", "USD", "EUR", "JPY", "HKD", "GBP", "KWD", "XXX" },
            new[] { Currency.CNY, Currency.USD, Currency.EUR, Currency.JPY, Currency.HKD, Currency.GBP, Currency.KWD, Currency.XXX }.Select(c => c.Code));
        Assert.Equal(100, Currency.CNY.MinorUnitsPerUnit);
        Assert.Equal(1000, Currency.KWD.MinorUnitsPerUnit);
    }

    [Fact]
    public void Test_arbitraries_define_their_units_once()
    {
        Assert.Same(MoneyArbitraries.Points, Currency.FromCode("test-points"));
    }
}
