namespace Incentives.Eligibility.Json;

/// <summary>What loading a rule from JSON may need besides the JSON: the custom rules it names and a currency conversion.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class EligibilityRuleLoadOptions
{
    /// <summary>Gets options with no custom rules and no conversion.</summary>
    public static EligibilityRuleLoadOptions Default { get; } = new();

    /// <summary>Gets the custom rules that <c>{"type":"custom","name":...}</c> may name. Empty by default.</summary>
    public CustomRuleRegistry CustomRules { get; init; } = CustomRuleRegistry.Empty;

    /// <summary>
    /// Gets the conversion used by <c>minOrderAmount</c> rules with <c>"convert":true</c>, or <see langword="null"/>
    /// (the default) when none is available, in which case such rules are invalid.
    /// </summary>
    public CurrencyConversion? Conversion { get; init; }
}
