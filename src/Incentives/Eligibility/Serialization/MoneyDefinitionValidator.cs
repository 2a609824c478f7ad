using System;
using System.Globalization;
using FluentValidation;

namespace Incentives.Eligibility.Serialization;

/// <summary>
/// Validates a <see cref="MoneyDefinition"/>: a known ISO 4217 currency and a decimal amount (invariant, such as
/// <c>"50.00"</c>) with no more decimal places than the currency has, that fits in the money range, and is not negative.
/// Paths are <c>amount</c> and <c>currency</c>, prefixed by the parent's path when used as a child validator.
/// </summary>
public sealed class MoneyDefinitionValidator : AbstractValidator<MoneyDefinition>
{
    /// <summary>Initializes the validator.</summary>
    public MoneyDefinitionValidator()
    {
        RuleFor(x => x.Currency)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("A currency code such as \"CNY\" is required.")
            .Must(code => Currency.TryFromCode(code, out _)).WithMessage(x => $"'{x.Currency}' is not an ISO 4217 currency code.")
            .OverridePropertyName("currency");

        RuleFor(x => x.Amount)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("An amount such as \"50.00\" is required.")
            .Must(text => TryParse(text, out _)).WithMessage(x => $"'{x.Amount}' is not a decimal amount such as \"50.00\".")
            .Must(text => TryParse(text, out var amount) && amount >= 0).WithMessage(x => $"The amount {x.Amount} must not be negative.")
            .Must((definition, text) => FitsCurrency(text, definition.Currency))
            .WithMessage(x => $"The amount {x.Amount} does not fit {x.Currency}: too many decimal places or too large.")
            .OverridePropertyName("amount");
    }

    /// <summary>Converts a definition that this validator accepts.</summary>
    internal static Money ToMoney(MoneyDefinition definition)
    {
        TryParse(definition.Amount, out var amount);
        return Money.FromDecimal(amount, Currency.FromCode(definition.Currency!));
    }

    private static bool TryParse(string? text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);

    private static bool FitsCurrency(string? text, string? code)
    {
        if (!Currency.TryFromCode(code, out var currency) || !TryParse(text, out var amount))
        {
            return true; // reported by the currency and amount rules
        }

        try
        {
            Money.FromDecimal(amount, currency);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
