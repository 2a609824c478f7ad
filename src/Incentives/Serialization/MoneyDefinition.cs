using System.Text.Json.Serialization;

namespace Incentives.Serialization;

/// <summary>
/// An amount of money in a definition, as read before validation: <c>{"amount":"50.00","currency":"CNY"}</c>.
/// Definitions hold money in this form (rather than as <see cref="Money"/>) so that a bad amount or currency is
/// reported by <see cref="MoneyDefinitionValidator"/> with its path, together with every other problem of the
/// definition, instead of stopping the JSON reader at the first one.
/// </summary>
public sealed class MoneyDefinition
{
    /// <summary>
    /// Gets or sets the amount in major units, in invariant form such as <c>"50.00"</c>. In JSON it may also be
    /// written as a number (<c>50.00</c>); its digits are kept exactly either way.
    /// </summary>
    [JsonConverter(typeof(AmountTextJsonConverter))]
    public string? Amount { get; set; }

    /// <summary>Gets or sets the currency code, for example <c>"CNY"</c>, or the code of a defined custom unit.</summary>
    public string? Currency { get; set; }

    /// <summary>Creates the definition of an amount, in the invariant form that <see cref="MoneyJsonConverter"/> writes.</summary>
    /// <param name="money">The amount.</param>
    /// <returns>The definition.</returns>
    public static MoneyDefinition From(Money money) => new() { Amount = money.ToString("A", null), Currency = money.Currency.Code };
}
