using System;

namespace Incentives.Tests;

public sealed class MoneyParsingTests
{
    [Theory]
    [InlineData("CNY 1234.56", 123456, "CNY")]
    [InlineData("cny 1234.56", 123456, "CNY")]
    [InlineData("CNY 12.5", 1250, "CNY")]
    [InlineData("CNY 12", 1200, "CNY")]
    [InlineData("CNY 1.230", 123, "CNY")]
    [InlineData("CNY -0.01", -1, "CNY")]
    [InlineData("CNY -0", 0, "CNY")]
    [InlineData("JPY 500", 500, "JPY")]
    [InlineData("KWD 1.005", 1005, "KWD")]
    [InlineData("CLF 0.0001", 1, "CLF")]
    [InlineData("CNY 92233720368547758.07", long.MaxValue, "CNY")]
    [InlineData("CNY -92233720368547758.08", long.MinValue, "CNY")]
    public void Parse_reads_the_invariant_form(string text, long minor, string code)
    {
        var expected = Money.FromMinorUnits(minor, Currency.FromCode(code));

        Assert.Equal(expected, Money.Parse(text));
        Assert.Equal(expected, Money.Parse(text.AsSpan(), null));
        Assert.True(Money.TryParse(text, out var viaTry));
        Assert.Equal(expected, viaTry);
        Assert.True(Money.TryParse(text.AsSpan(), out viaTry));
        Assert.Equal(expected, viaTry);
        Assert.Equal(expected, ParseAny<Money>(text));
    }

    [Fact]
    public void Parse_reads_custom_units()
    {
        var coins = Currency.DefineCustom("PARSE-COINS", 2, "Coins");

        Assert.Equal(Money.FromMinorUnits(150, coins), Money.Parse("parse-coins 1.5"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("CNY", "is not in the form")]
    [InlineData("CNY ", "is not in the form")]
    [InlineData(" CNY 1", "is not in the form")]
    [InlineData("ABC 1.00", "\"ABC\" in \"ABC 1.00\" is not an ISO 4217 currency code")]
    [InlineData("CNY 12x", "\"12x\" in \"CNY 12x\" is not a number")]
    [InlineData("CNY 1,234.56", "is not a number")]
    [InlineData("CNY +1", "is not a number")]
    [InlineData("CNY 1e3", "is not a number")]
    [InlineData("CNY .5", "is not a number")]
    [InlineData("CNY 5.", "is not a number")]
    [InlineData("CNY -", "is not a number")]
    [InlineData("CNY  1", "is not a number")]
    [InlineData("CNY 1.234", "has more decimal places than CNY allows (2)")]
    [InlineData("JPY 0.5", "has more decimal places than JPY allows (0)")]
    [InlineData("CNY 92233720368547758.08", "overflows Money")]
    [InlineData("CNY 100000000000000000000000000000", "overflows Money")]
    [InlineData("1234.56 CNY", "is not an ISO 4217 currency code")]
    [InlineData("¥1,234.56", "is not in the form")]
    public void Parse_BadText_says_why(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Money.Parse(text));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.False(Money.TryParse(text, out var result));
        Assert.Equal(default, result);
        Assert.False(Money.TryParse(text.AsSpan(), null, out _));
    }

    [Fact]
    public void Parse_Null()
    {
        Assert.Equal("s", Assert.Throws<ArgumentNullException>(() => Money.Parse(null!)).ParamName);
        Assert.False(Money.TryParse((string?)null, out _));
    }

    private static T ParseAny<T>(string text)
        where T : IParsable<T> => T.Parse(text, null);
}
