using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Incentives.Serialization;

/// <summary>Reads an amount written either as a JSON string (<c>"50.00"</c>) or as a JSON number (<c>50.00</c>), as its exact text.</summary>
internal static class JsonAmountText
{
    /// <summary>Returns the amount's text, or <see langword="null"/> when the token is neither a string nor a number.</summary>
    internal static string? Read(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        _ => null,
    };
}
