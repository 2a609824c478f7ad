using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incentives.Serialization;

/// <summary>Reads an amount written as a JSON string or a JSON number into its exact text; writes it as a string.</summary>
internal sealed class AmountTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null
            ? null
            : JsonAmountText.Read(ref reader) ?? throw new JsonException("An amount must be a string such as \"50.00\" or a number.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
