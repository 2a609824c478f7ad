using System;
using System.Collections.Generic;
using System.IO;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Serialization;

namespace Incentives.Campaigns.Json;

/// <summary>Reads, validates, builds and writes programme documents: budget trees and the campaigns drawing from them.</summary>
/// <remarks>
/// <code language="json">
/// { "budgets": [ { "id": "sf-2026", "tree": { "window": {...}, "nodes": [...] } } ],
///   "campaigns": [ { "id": "spring-festival", "window": {...}, "reward": {...}, "budget": { "id": "sf-2026", "path": "sf/{channel}" } } ] }
/// </code>
/// </remarks>
public static class CampaignProgrammeJson
{
    /// <summary>Deserializes, validates and builds a programme.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The programme.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed or the programme invalid (every failure listed, with its path).</exception>
    public static CampaignProgramme Load(string json) => Compile(Deserialize(json));

    /// <summary>Reads the whole stream as UTF-8 JSON, then validates and builds the programme.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <returns>The programme.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed or the programme invalid.</exception>
    public static CampaignProgramme Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Load(reader.ReadToEnd());
    }

    /// <summary>Deserializes a programme definition without validating it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed (code <c>json.invalid</c>).</exception>
    public static CampaignProgrammeDefinition Deserialize(string json) => DefinitionJson.Deserialize<CampaignProgrammeDefinition>(json, "programme");

    /// <summary>Validates and builds a programme.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pathPrefix">A prefix for every failure path.</param>
    /// <returns>The programme.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ValidationException">The programme is invalid (every failure listed).</exception>
    public static CampaignProgramme Compile(CampaignProgrammeDefinition definition, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var failures = new List<ValidationFailure>();
        var programme = CampaignCompiler.Compile(definition, pathPrefix, failures);
        return failures.Count > 0 || programme is null
            ? throw CampaignValidation.Exception("The campaign programme is invalid:", failures)
            : programme;
    }

    /// <summary>Writes a programme definition as JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static string Serialize(CampaignProgrammeDefinition definition) => DefinitionJson.Serialize(definition);
}
