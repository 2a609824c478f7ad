using System;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Tests.Support;

namespace Incentives.Tests;

public sealed class MoneyJsonConverterTests
{
    private sealed record Grant(string Id, Money Amount);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Writes_amount_as_a_string_with_the_currencys_decimals()
    {
        Assert.Equal("""{"amount":"1234.56","currency":"CNY"}""", JsonSerializer.Serialize(Money.FromDecimal(1234.56m, Currency.CNY)));
        Assert.Equal("""{"amount":"-500","currency":"JPY"}""", JsonSerializer.Serialize(Money.FromDecimal(-500m, Currency.JPY)));
        Assert.Equal("""{"amount":"1.000","currency":"KWD"}""", JsonSerializer.Serialize(Money.FromDecimal(1m, Currency.KWD)));
        Assert.Equal(
            """{"id":"g-1","amount":{"amount":"0.05","currency":"CNY"}}""",
            JsonSerializer.Serialize(new Grant("g-1", Money.FromDecimal(0.05m, Currency.CNY)), Web));
    }

    [Theory]
    [InlineData("""{"amount":"1234.56","currency":"CNY"}""")]
    [InlineData("""{"currency":"cny","amount":"1234.56"}""")]
    [InlineData("""{"Amount":"1234.560","Currency":"CNY"}""")]
    [InlineData("""{"amount":1234.56,"currency":"CNY"}""")]
    [InlineData("""{"amount":"1234.56","note":{"ignored":[1,2]},"currency":"CNY"}""")]
    public void Reads_the_documented_forms(string json)
    {
        Assert.Equal(Money.FromDecimal(1234.56m, Currency.CNY), JsonSerializer.Deserialize<Money>(json));
    }

    [Theory]
    [InlineData("\"CNY 1.00\"", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("""{"currency":"CNY"}""", "needs an \"amount\"")]
    [InlineData("""{"amount":"1.00"}""", "needs a \"currency\"")]
    [InlineData("""{"amount":"1.00","currency":"ABC"}""", "\"ABC\" is not an ISO 4217 currency code")]
    [InlineData("""{"amount":"1.00","currency":7}""", "Money.currency must be a currency code")]
    [InlineData("""{"amount":"12x","currency":"CNY"}""", "Money.amount \"12x\" is not a decimal amount")]
    [InlineData("""{"amount":"1.00000000000000000000000000001","currency":"CNY"}""", "has more decimal places than CNY allows (2)")]
    [InlineData("""{"amount":1.00000000000000000000000000001,"currency":"CNY"}""", "has more decimal places than CNY allows (2)")]
    [InlineData("""{"amount":1e3,"currency":"CNY"}""", "is not a decimal amount")]
    [InlineData("""{"amount":true,"currency":"CNY"}""", "Money.amount must be a decimal number")]
    [InlineData("""{"amount":"1.005","currency":"CNY"}""", "has more decimal places than CNY allows (2)")]
    [InlineData("""{"amount":"92233720368547758.08","currency":"CNY"}""", "is too large")]
    public void Bad_json_is_a_json_exception_naming_the_problem(string json, string reason)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>(json));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Json_round_trips_any_amount() =>
        Prop.ForAll(MoneyArbitraries.Money(), m => JsonSerializer.Deserialize<Money>(JsonSerializer.Serialize(m)) == m);
}
