using System.Globalization;
using FluentValidation;

namespace Incentives.Serialization;

/// <summary>
/// Validates a <see cref="MoneyDefinition"/>: the currency must be known and the amount must be a non-negative
/// decimal that the currency represents exactly (no more decimal places than its minor unit, within range).
/// Failures are reported at the paths <c>currency</c> and <c>amount</c>, prefixed by the parent's path.
/// </summary>
public sealed class MoneyDefinitionValidator : AbstractValidator<MoneyDefinition>
{
    /// <summary>Initializes the validator.</summary>
    public MoneyDefinitionValidator()
    {
        RuleFor(x => x.Currency)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("A currency code such as \"CNY\" is required.").WithErrorCode(DefinitionErrorCodes.Required)
            .Must(code => Currency.TryFromCode(code, out _)).WithMessage(x => $"'{x.Currency}' is not an ISO 4217 currency code nor a defined custom unit.")
            .WithErrorCode(DefinitionErrorCodes.UnknownCurrency)
            .OverridePropertyName("currency");

        RuleFor(x => x.Amount)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("An amount such as \"50.00\" is required.").WithErrorCode(DefinitionErrorCodes.Required)
            .Must((definition, text) => AmountError(text, definition.Currency) is null)
            .WithMessage((definition, text) => AmountError(text, definition.Currency)!)
            .WithErrorCode(DefinitionErrorCodes.InvalidAmount)
            .OverridePropertyName("amount");
    }

    /// <summary>Converts a definition that this validator accepted into <see cref="Money"/>.</summary>
    /// <param name="definition">A valid definition.</param>
    /// <returns>The exact amount.</returns>
    /// <exception cref="System.ArgumentException">The definition is not valid.</exception>
    public static Money ToMoney(MoneyDefinition definition)
    {
        System.ArgumentNullException.ThrowIfNull(definition);
        var currency = Currency.FromCode(definition.Currency ?? string.Empty);
        return Money.TryParseAmount(definition.Amount, currency, out var money, out var error)
            ? money
            : throw new System.ArgumentException(error, nameof(definition));
    }

    private static string? AmountError(string? text, string? code)
    {
        if (!Currency.TryFromCode(code, out var currency))
        {
            // The currency is reported on its own; the amount can still be checked for form.
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                ? null
                : $"\"{text}\" is not a decimal amount such as \"1234.56\".";
        }

        if (!Money.TryParseAmount(text, currency, out var money, out var error))
        {
            return error;
        }

        return money.IsNegative ? $"The amount {text} must not be negative." : null;
    }
}
