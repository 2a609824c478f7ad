using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;

namespace Incentives.Serialization;

/// <summary>
/// The JSON conventions shared by every definition (windows, rules, rewards, budgets, campaigns): camelCase property
/// names matched without regard to case, comments and trailing commas allowed, unknown properties rejected, and
/// malformed JSON reported as a <see cref="ValidationException"/> with its path, like every other definition error.
/// </summary>
public static class DefinitionJson
{
    /// <summary>Gets the read-only serializer options every definition loader uses.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a definition from JSON text.</summary>
    /// <typeparam name="T">The definition type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <param name="what">What is being read, for messages, e.g. <c>"reward policy"</c>.</param>
    /// <returns>The definition, not yet validated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="what"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">
    /// The text is not valid JSON, holds a value of the wrong JSON type, an unknown property, or is <c>null</c>; the
    /// failure's <c>PropertyName</c> is the path of the problem and its code is <see cref="DefinitionErrorCodes.InvalidJson"/>.
    /// </exception>
    public static T Deserialize<T>(string json, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(what);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw Invalid(string.Empty, $"The {what} definition is null.");
        }
        catch (JsonException e)
        {
            throw Invalid(ToPath(e.Path), $"The JSON cannot be read as a {what} definition: {e.Message}");
        }
    }

    /// <summary>Writes a definition as indented camelCase JSON.</summary>
    /// <typeparam name="T">The definition type.</typeparam>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    public static string Serialize<T>(T definition)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, Options);
    }

    private static ValidationException Invalid(string path, string message) =>
        new([new ValidationFailure(path, message) { ErrorCode = DefinitionErrorCodes.InvalidJson }]);

    /// <summary>Turns System.Text.Json's <c>$.rules[0].channels</c> into the validators' <c>rules[0].channels</c>.</summary>
    private static string ToPath(string? jsonPath) =>
        jsonPath is null ? string.Empty : jsonPath.TrimStart('$').TrimStart('.');

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
