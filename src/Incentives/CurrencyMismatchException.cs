using System;

namespace Incentives;

/// <summary>
/// Thrown when an operation combines amounts of two different currencies, such as adding CNY to USD or
/// reserving a USD amount on a CNY budget. Convert one of them first with an <c>ExchangeRate</c>.
/// </summary>
public sealed class CurrencyMismatchException : ArgumentException
{
    /// <summary>Initializes a new instance naming both currencies.</summary>
    /// <param name="expected">The currency the operation works in.</param>
    /// <param name="actual">The currency that was supplied.</param>
    /// <param name="paramName">The name of the parameter that carried <paramref name="actual"/>.</param>
    public CurrencyMismatchException(Currency expected, Currency actual, string? paramName)
        : base(
            $"Cannot combine {(actual ?? throw new ArgumentNullException(nameof(actual))).Code} with {(expected ?? throw new ArgumentNullException(nameof(expected))).Code}: " +
            "amounts in different currencies must be converted with an exchange rate first.",
            paramName)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Gets the currency the operation works in.</summary>
    public Currency Expected { get; }

    /// <summary>Gets the currency that was supplied.</summary>
    public Currency Actual { get; }
}
