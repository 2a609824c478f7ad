using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incentives.Serialization;

/// <summary>
/// Reads and writes <see cref="Money"/> as <c>{"amount":"1234.56","currency":"CNY"}</c>: the amount is a string in
/// invariant form with exactly the currency's number of decimal places, so that no JSON reader turns it into a
/// binary floating-point number.
/// </summary>
/// <remarks>
/// Reading also accepts the amount as a JSON number (<c>{"amount":1234.56,"currency":"CNY"}</c>); either way the
/// digits are read exactly, never through a binary or decimal floating-point value. An amount with more decimal
/// places than the currency allows (unless the extra digits are zeros), an unknown currency, or a missing property is
/// a <see cref="JsonException"/> that says which.
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

        string? amount = null;
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
                amount = JsonAmountText.Read(ref reader)
                    ?? throw new JsonException("Money.amount must be a decimal number such as \"1234.56\" (digits, an optional leading '-' and '.' as the decimal point).");
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

        // Parsed digit by digit: an amount is never rounded, however many digits it has.
        return Money.TryParseAmount(amount, currency, out var money, out var error)
            ? money
            : throw new JsonException($"Money.amount {error}");
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
