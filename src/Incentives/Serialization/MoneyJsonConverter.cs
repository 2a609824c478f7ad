using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incentives.Serialization;

/// <summary>
/// Reads and writes <see cref="Money"/> as <c>{"amount":"1234.56","currency":"CNY"}</c>: the amount is a string in
/// invariant form with exactly the currency's number of decimal places, so that no JSON reader turns it into a
/// binary floating-point number.
/// </summary>
/// <remarks>
/// Reading also accepts the amount as a JSON number (<c>{"amount":1234.56,"currency":"CNY"}</c>), read as a
/// <see cref="decimal"/>. An amount with more decimal places than the currency allows, an unknown currency, or
/// a missing property is a <see cref="JsonException"/> that says which.
/// </remarks>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    /// <inheritdoc />
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Money must be a JSON object such as {\"amount\":\"1234.56\",\"currency\":\"CNY\"}.");
        }

        decimal? amount = null;
        string? code = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException($"Unexpected {reader.TokenType} in Money; expected a property name.");
            }

            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "amount", StringComparison.OrdinalIgnoreCase))
            {
                amount = reader.TokenType switch
                {
                    JsonTokenType.String when decimal.TryParse(
                        reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    JsonTokenType.Number when reader.TryGetDecimal(out var number) => number,
                    _ => throw new JsonException("Money.amount must be a decimal number such as \"1234.56\" (digits, an optional leading '-' and '.' as the decimal point)."),
                };
            }
            else if (string.Equals(name, "currency", StringComparison.OrdinalIgnoreCase))
            {
                code = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw new JsonException("Money.currency must be a currency code such as \"CNY\".");
            }
            else
            {
                reader.Skip();
            }
        }

        if (amount is null || code is null)
        {
            throw new JsonException(amount is null
                ? "Money needs an \"amount\", such as {\"amount\":\"1234.56\",\"currency\":\"CNY\"}."
                : "Money needs a \"currency\", such as {\"amount\":\"1234.56\",\"currency\":\"CNY\"}.");
        }

        if (!Currency.TryFromCode(code, out var currency))
        {
            throw new JsonException($"Money.currency \"{code}\" is not an ISO 4217 currency code nor the code of a defined custom unit.");
        }

        if (amount.Value.Scale > currency.MinorUnitDigits && decimal.Round(amount.Value, currency.MinorUnitDigits) != amount.Value)
        {
            throw new JsonException(
                $"Money.amount {amount.Value.ToString(CultureInfo.InvariantCulture)} has more decimal places than {currency.Code} allows ({currency.MinorUnitDigits}).");
        }

        try
        {
            return Money.FromDecimal(amount.Value, currency);
        }
        catch (OverflowException e)
        {
            throw new JsonException(
                $"Money.amount {amount.Value.ToString(CultureInfo.InvariantCulture)} {currency.Code} is too large: Money holds at most 9,223,372,036,854,775,807 minor units.", e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        Span<char> amount = stackalloc char[48];
        value.TryFormatInvariant(amount, out var written, withCode: false);
        writer.WriteString("amount", amount[..written]);
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }
}
