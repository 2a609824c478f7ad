namespace Incentives.Serialization;

/// <summary>
/// Error codes shared by every definition validator (<c>ValidationFailure.ErrorCode</c>). Codes are lower-case,
/// dot-separated, kebab-case: <c>area.what-is-wrong</c>.
/// </summary>
public static class DefinitionErrorCodes
{
    /// <summary>The JSON text cannot be read: malformed, a value of the wrong JSON type, or an unknown property.</summary>
    public const string InvalidJson = "json.invalid";

    /// <summary>A required value is missing or empty.</summary>
    public const string Required = "definition.required";

    /// <summary>A currency code is neither an ISO 4217 code nor a defined custom unit.</summary>
    public const string UnknownCurrency = "money.unknown-currency";

    /// <summary>An amount is not a decimal the currency can represent exactly, is too large, or is negative where that is not allowed.</summary>
    public const string InvalidAmount = "money.invalid-amount";
}
