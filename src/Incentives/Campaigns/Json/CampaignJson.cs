using System;
using System.Collections.Generic;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Budgets;
using Incentives.Serialization;

namespace Incentives.Campaigns.Json;

/// <summary>Reads, validates, builds and writes single campaign definitions (<see cref="CampaignDefinition"/>).</summary>
/// <remarks>For several campaigns with their budget trees in one document, use <see cref="CampaignProgrammeJson"/>.</remarks>
public static class CampaignJson
{
    /// <summary>Deserializes, validates and builds a campaign.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="budgets">The budget trees by id to check the campaign against, or <see langword="null"/> to check it alone.</param>
    /// <returns>The campaign.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed or the definition invalid (every failure listed, with its path).</exception>
    public static Campaign Load(string json, IReadOnlyDictionary<string, BudgetTree>? budgets = null) => Compile(Deserialize(json), budgets);

    /// <summary>Deserializes a definition without validating it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed (code <c>json.invalid</c>, with the JSON path).</exception>
    public static CampaignDefinition Deserialize(string json) => DefinitionJson.Deserialize<CampaignDefinition>(json, "campaign");

    /// <summary>Validates and builds a campaign on its own (its budget reference is not resolved).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pathPrefix">A prefix for every failure path.</param>
    /// <returns>The campaign.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ValidationException">The definition is invalid (every failure listed).</exception>
    public static Campaign Compile(CampaignDefinition definition, string pathPrefix = "") => Compile(definition, null, pathPrefix);

    /// <summary>Validates and builds a campaign, checking it against the budget trees.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="budgets">The budget trees by id, or <see langword="null"/> to check the campaign alone.</param>
    /// <param name="pathPrefix">A prefix for every failure path.</param>
    /// <returns>The campaign.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="pathPrefix"/> is null.</exception>
    /// <exception cref="ValidationException">The definition is invalid (every failure listed).</exception>
    public static Campaign Compile(CampaignDefinition definition, IReadOnlyDictionary<string, BudgetTree>? budgets, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var failures = new List<ValidationFailure>();
        var campaign = CampaignCompiler.Compile(definition, pathPrefix, budgets, failures);
        return failures.Count > 0 || campaign is null
            ? throw CampaignValidation.Exception($"The campaign '{definition.Id}' is invalid:", failures)
            : campaign;
    }

    /// <summary>Writes a definition as JSON (camelCase, indented, nulls omitted).</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static string Serialize(CampaignDefinition definition) => DefinitionJson.Serialize(definition);
}
