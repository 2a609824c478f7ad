using System;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Tests.Support;

namespace Incentives.Tests;

public sealed class MoneyFormattingTests
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo ZhCn = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo DeDe = CultureInfo.GetCultureInfo("de-DE");

    [Theory]
    [InlineData(123456, "CNY", "CNY 1234.56")]
    [InlineData(-500, "JPY", "JPY -500")]
    [InlineData(1005, "KWD", "KWD 1.005")]
    [InlineData(1, "CLF", "CLF 0.0001")]
    [InlineData(-1, "CNY", "CNY -0.01")]
    [InlineData(0, "USD", "USD 0.00")]
    [InlineData(long.MinValue, "CNY", "CNY -92233720368547758.08")]
    [InlineData(long.MaxValue, "JPY", "JPY 9223372036854775807")]
    public void ToString_is_the_invariant_round_trip_form(long minor, string code, string expected)
    {
        var money = Money.FromMinorUnits(minor, Currency.FromCode(code));

        Assert.Equal(expected, money.ToString());
        Assert.Equal(expected, money.ToString("G", DeDe));
        Assert.Equal(expected, money.ToString(null, null));
        Assert.Equal(expected, $"{money}");
    }

    [Fact]
    public void Default_money_formats_as_no_currency()
    {
        Assert.Equal("XXX 0", default(Money).ToString());
    }

    [Fact]
    public void Amount_only_and_number_formats()
    {
        var money = Money.FromDecimal(1234567.5m, Currency.CNY);

        Assert.Equal("1234567.50", money.ToString("A", DeDe));
        Assert.Equal("1,234,567.50", money.ToString("N", EnUs));
        Assert.Equal("1.234.567,50", money.ToString("n", DeDe));
        Assert.Equal("1,235", Money.FromDecimal(1235m, Currency.JPY).ToString("N", EnUs));
    }

    [Fact]
    public void Currency_format_uses_the_currency_symbol_from_culture_data()
    {
        var cny = Money.FromDecimal(1234.56m, Currency.CNY);
        var usd = Money.FromDecimal(1234.56m, Currency.USD);

        Assert.Equal("¥1,234.56", cny.ToString("C", ZhCn));
        Assert.Equal("¥1,234.56", cny.ToString("C", EnUs));
        Assert.Equal("$1,234.56", usd.ToString("C", EnUs));
        Assert.Equal("-$1,234.56", (-usd).ToString("C", EnUs));
        Assert.Equal("1.234,56 €", Money.FromDecimal(1234.56m, Currency.EUR).ToString("C", DeDe));
        Assert.Equal("£0.50", Money.FromDecimal(0.5m, Currency.GBP).ToString("c", EnUs));
    }

    [Fact]
    public void Currency_format_keeps_the_currencys_decimal_places()
    {
        // en-US would show two decimals for its own currency; KWD has three and JPY none.
        Assert.EndsWith("1,234.567", Money.FromDecimal(1234.567m, Currency.KWD).ToString("C", EnUs), StringComparison.Ordinal);
        Assert.EndsWith("1,235", Money.FromDecimal(1235m, Currency.JPY).ToString("C", EnUs), StringComparison.Ordinal);
    }

    [Fact]
    public void Currency_format_shows_the_code_of_a_unit_without_symbol()
    {
        var points = Currency.DefineCustom("FMT-POINTS", 0, "Points");

        Assert.Equal("FMT-POINTS 1,500", Money.FromMinorUnits(1500, points).ToString("C", EnUs));
        Assert.Equal("-FMT-POINTS 1,500", Money.FromMinorUnits(-1500, points).ToString("C", EnUs));
        Assert.Equal("1.500 FMT-POINTS", Money.FromMinorUnits(1500, points).ToString("C", DeDe));
    }

    [Theory]
    [InlineData("X")]
    [InlineData("C2")]
    [InlineData("GG")]
    public void Unsupported_format_is_a_format_exception(string format)
    {
        var e = Assert.Throws<FormatException>(() => Money.FromDecimal(1m, Currency.CNY).ToString(format, EnUs));

        Assert.Contains(format, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFormat_reports_a_short_buffer()
    {
        var money = Money.FromDecimal(1234.56m, Currency.CNY);
        Span<char> small = stackalloc char[10];
        Span<char> exact = stackalloc char[11];

        Assert.False(money.TryFormat(small, out var written, default, null));
        Assert.Equal(0, written);
        Assert.True(money.TryFormat(exact, out written, default, null));
        Assert.Equal("CNY 1234.56", exact[..written].ToString());
    }

    [Fact]
    public void TryFormat_does_not_allocate()
    {
        var money = Money.FromDecimal(-1234.56m, Currency.CNY);
        Span<char> buffer = stackalloc char[64];
        var total = 0;
        for (var i = 0; i < 10; i++)
        {
            money.TryFormat(buffer, out var w, "G", null);
            money.TryFormat(buffer, out w, "A", null);
            money.TryFormat(buffer, out w, "N", EnUs);
            total += w;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            money.TryFormat(buffer, out var w, "G", null);
            total += w;
            money.TryFormat(buffer, out w, "A", null);
            total += w;
            money.TryFormat(buffer, out w, "N", EnUs);
            total += w;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, total);
    }

    [Fact]
    public void Every_iso_currency_round_trips_at_the_edges()
    {
        foreach (var currency in Currency.IsoCurrencies)
        {
            foreach (var minor in new[] { long.MinValue, -1L, 0L, 1L, 123_456_789L, long.MaxValue })
            {
                var money = Money.FromMinorUnits(minor, currency);
                Assert.Equal(money, Money.Parse(money.ToString()));
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property Format_then_parse_round_trips_for_any_amount_of_any_currency() =>
        Prop.ForAll(MoneyArbitraries.Money(), m => Money.Parse(m.ToString()) == m && Money.Parse(m.ToString("A", null).Insert(0, m.Currency.Code + " ")) == m);
}
