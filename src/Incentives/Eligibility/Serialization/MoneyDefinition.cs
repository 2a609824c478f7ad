namespace Incentives.Eligibility.Serialization;

/// <summary>An amount of money in a definition, as read before validation: <c>{"amount":"50.00","currency":"CNY"}</c>.</summary>
public sealed class MoneyDefinition
{
    /// <summary>Gets or sets the amount in major units, invariant form such as <c>"50.00"</c>.</summary>
    public string? Amount { get; set; }

    /// <summary>Gets or sets the ISO 4217 currency code, for example <c>"CNY"</c>.</summary>
    public string? Currency { get; set; }
}
