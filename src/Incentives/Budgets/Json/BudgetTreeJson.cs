using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;

namespace Incentives.Budgets.Json;

/// <summary>Reads, validates and compiles budget tree definitions (JSON or DTOs) into a <see cref="BudgetTree"/>.</summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class BudgetTreeJson
{
    /// <summary>Gets the JSON options used by <see cref="Load"/>: camelCase, unknown properties refused.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a budget tree from JSON, validates it, and compiles it.</summary>
    /// <param name="json">The JSON text of a <see cref="BudgetTreeDefinition"/>.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed (one failure at the JSON path of the problem) or the definition is invalid (every failure).</exception>
    public static BudgetTree Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        BudgetTreeDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<BudgetTreeDefinition>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : e.Path ?? "$";
            throw new ValidationException([new ValidationFailure(path, e.Message)]);
        }

        return Compile(definition ?? throw new ValidationException([new ValidationFailure("$", "The JSON is null.")]));
    }

    /// <summary>Validates a definition and compiles it into a tree.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    /// <exception cref="ValidationException">The definition is invalid; every failure is listed.</exception>
    public static BudgetTree Compile(BudgetTreeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        new BudgetTreeDefinitionValidator().ValidateAndThrow(definition);
        var window = BudgetTreeDefinitionValidator.TryBuildWindow(definition.Window, null);
        // Keep the definition's order, but let a node listed before its parent wait for it.
        var pending = definition.Nodes!.ToList();
        var root = pending.Single(n => !n.Id!.Contains('/', StringComparison.Ordinal));
        var builder = new BudgetTreeBuilder(root.Limit!.Value.Currency, window);
        var added = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var node = pending.First(n => n == root || added.Contains(n.Id![..n.Id!.LastIndexOf('/')]));
            builder.Add(node.Id!, node.Limit!.Value, ToPlan(node.Pacing), ToCaps(node.Caps));
            added.Add(node.Id!);
            pending.Remove(node);
        }

        return builder.Build();
    }

    private static PacingPlan? ToPlan(PacingDefinition? pacing)
    {
        if (pacing is null)
        {
            return null;
        }

        var withinDay = pacing.WithinDay switch
        {
            "linear" => IntraDayRelease.Linear,
            "steps" => IntraDayRelease.Steps([.. pacing.WithinDayWeights!]),
            _ => IntraDayRelease.AllAtStart,
        };
        return pacing.Split == "weighted"
            ? PacingPlan.Weighted([.. pacing.Weights!], pacing.RollOver, withinDay)
            : PacingPlan.Even(pacing.RollOver, withinDay);
    }

    private static ParticipantCaps? ToCaps(ParticipantCapsDefinition? caps) => caps is null
        ? null
        : new ParticipantCaps
        {
            MaxAmountPerCampaign = caps.MaxAmountPerCampaign,
            MaxGrantsPerCampaign = caps.MaxGrantsPerCampaign,
            MaxAmountPerDay = caps.MaxAmountPerDay,
            MaxGrantsPerDay = caps.MaxGrantsPerDay,
        };
}
