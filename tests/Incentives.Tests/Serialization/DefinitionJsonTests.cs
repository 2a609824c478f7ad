using FluentValidation;
using FluentValidation.TestHelper;
using Incentives.Serialization;

namespace Incentives.Tests.Serialization;

public sealed class DefinitionJsonTests
{
    private static readonly MoneyDefinitionValidator Validator = new();

    [Fact]
    public void Malformed_json_is_a_validation_error_with_the_path_of_the_problem()
    {
        var error = Assert.Throws<ValidationException>(() =>
            DefinitionJson.Deserialize<MoneyDefinition>("""{"amount":"1.00","currency":5}""", "money"));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("currency", failure.PropertyName);
        Assert.Equal(DefinitionErrorCodes.InvalidJson, failure.ErrorCode);
    }

    [Fact]
    public void An_unknown_property_is_rejected_rather_than_ignored()
    {
        // A misspelt "currency" must not silently load as a definition without a currency.
        var error = Assert.Throws<ValidationException>(() =>
            DefinitionJson.Deserialize<MoneyDefinition>("""{"amount":"1.00","curency":"CNY"}""", "money"));

        Assert.Equal(DefinitionErrorCodes.InvalidJson, Assert.Single(error.Errors).ErrorCode);
        Assert.Contains("curency", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount":"50.00","currency":"CNY"}""", 5000)]
    [InlineData("""{"amount":50,"currency":"cny"}""", 5000)]
    [InlineData("""{"Amount":"0.5","Currency":"CNY"}""", 50)]
    public void Amounts_may_be_strings_or_numbers_and_names_ignore_case(string json, long minorUnits)
    {
        var definition = DefinitionJson.Deserialize<MoneyDefinition>(json, "money");

        Assert.Empty(Validator.TestValidate(definition).Errors);
        Assert.Equal(Money.FromMinorUnits(minorUnits, Currency.CNY), MoneyDefinitionValidator.ToMoney(definition));
    }

    [Theory]
    [InlineData("1.00000000000000000000000000001", "CNY", "amount", "\"1.00000000000000000000000000001\" has more decimal places than CNY allows (2).")]
    [InlineData("-1.00", "CNY", "amount", "The amount -1.00 must not be negative.")]
    [InlineData("99999999999999999999", "CNY", "amount", "\"99999999999999999999\" is too large: Money holds whole minor units from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807.")]
    [InlineData("1.00", "ABC", "currency", "'ABC' is not an ISO 4217 currency code nor a defined custom unit.")]
    public void Invalid_money_is_reported_at_its_path_and_never_rounded(string amount, string currency, string path, string message)
    {
        var result = Validator.TestValidate(new MoneyDefinition { Amount = amount, Currency = currency });

        var failure = Assert.Single(result.Errors);
        Assert.Equal(path, failure.PropertyName);
        Assert.Equal(message, failure.ErrorMessage);
    }

    [Fact]
    public void A_missing_amount_and_currency_are_both_reported()
    {
        var result = Validator.TestValidate(new MoneyDefinition());

        Assert.Equal(new[] { "currency", "amount" }, result.Errors.ConvertAll(e => e.PropertyName));
        Assert.All(result.Errors, e => Assert.Equal(DefinitionErrorCodes.Required, e.ErrorCode));
    }

    [Fact]
    public void From_writes_the_invariant_amount_that_reads_back_to_the_same_money()
    {
        var money = Money.FromDecimal(1234.5m, Currency.KWD);

        var definition = MoneyDefinition.From(money);

        Assert.Equal("1234.500", definition.Amount);
        Assert.Equal(money, MoneyDefinitionValidator.ToMoney(DefinitionJson.Deserialize<MoneyDefinition>(DefinitionJson.Serialize(definition), "money")));
    }
}
