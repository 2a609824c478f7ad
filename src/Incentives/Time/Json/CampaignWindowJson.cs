using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;

namespace Incentives.Time.Json;

/// <summary>
/// Reads campaign windows (and their slots) from JSON, validates them, and compiles them into a <see cref="CampaignWindow"/> or a
/// <see cref="SlotSchedule"/>.
/// </summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class CampaignWindowJson
{
    /// <summary>
    /// Gets the serializer options used for window definitions: camelCase names, case-insensitive reading, and unknown properties
    /// rejected (so that a misspelt <c>"zoneId"</c> is reported rather than ignored). The instance is read-only.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>Reads, validates and compiles a window definition.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The window when the definition has no slots, otherwise the slot schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The JSON cannot be read or the definition is invalid; <see cref="ValidationException.Errors"/> lists every problem with its path.</exception>
    public static ICampaignSchedule Load(string json) => Compile(Deserialize(json));

    /// <summary>Reads a window definition without validating it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The JSON is malformed, has an unknown property or a value of the wrong JSON type (the path says where).</exception>
    public static CampaignWindowDefinition Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<CampaignWindowDefinition>(json, JsonOptions)
                ?? throw new ValidationException([new ValidationFailure(string.Empty, "The window definition is null.") { ErrorCode = WindowErrorCodes.Required }]);
        }
        catch (JsonException e)
        {
            var path = e.Path is null ? string.Empty : e.Path.TrimStart('$').TrimStart('.');
            throw new ValidationException(
                [new ValidationFailure(path, $"The JSON cannot be read as a window definition: {e.Message}") { ErrorCode = WindowErrorCodes.InvalidJson }]);
        }
    }

    /// <summary>Validates and compiles a window definition built in code or read from JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pathPrefix">A prefix for the paths in errors, for a window nested in a larger definition (e.g. <c>window</c>); empty for none.</param>
    /// <returns>The window when the definition has no slots, otherwise the slot schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="pathPrefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The definition is invalid; <see cref="ValidationException.Errors"/> lists every problem with its path.</exception>
    public static ICampaignSchedule Compile(CampaignWindowDefinition definition, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var failures = new List<ValidationFailure>();
        var compiled = WindowDefinitionCompiler.Compile(definition, pathPrefix, failures);
        if (failures.Count > 0 || compiled is null)
        {
            throw new ValidationException(failures);
        }

        return compiled;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
