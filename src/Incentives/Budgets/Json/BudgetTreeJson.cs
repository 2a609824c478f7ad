using System;
using System.Collections.Generic;
using System.Linq;
using FluentValidation;
using Incentives.Serialization;
using Incentives.Time;
using Incentives.Time.Json;
using NodaTime.Text;

namespace Incentives.Budgets.Json;

/// <summary>
/// Reads, validates and compiles budget tree definitions (JSON or DTOs) into a <see cref="BudgetTree"/>, and writes a tree
/// back as a definition. The JSON follows <see cref="DefinitionJson"/>: camelCase, unknown properties rejected, money as
/// <c>{"amount":"50.00","currency":"CNY"}</c>, the window in the Time area's form.
/// </summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class BudgetTreeJson
{
    private static readonly LocalDateTimePattern LocalText = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF");

    /// <summary>Reads a budget tree from JSON, validates it, and compiles it.</summary>
    /// <param name="json">The JSON text of a <see cref="BudgetTreeDefinition"/>.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed (one failure at the JSON path of the problem, code <c>json.invalid</c>) or the definition is invalid (every failure).</exception>
    public static BudgetTree Load(string json) => Compile(Deserialize(json));

    /// <summary>Reads a budget tree definition from JSON without validating it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ValidationException">The JSON is malformed, has an unknown property or a value of the wrong JSON type (the path says where).</exception>
    public static BudgetTreeDefinition Deserialize(string json) => DefinitionJson.Deserialize<BudgetTreeDefinition>(json, "budget tree");

    /// <summary>Validates a definition and compiles it into a tree.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pathPrefix">A prefix for the paths in errors, for a tree nested in a larger definition (e.g. <c>budget</c>); empty for none.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="pathPrefix"/> is null.</exception>
    /// <exception cref="ValidationException">The definition is invalid; every failure is listed with its path and code.</exception>
    public static BudgetTree Compile(BudgetTreeDefinition definition, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var failures = BudgetTreeDefinitionValidator.Check(definition, pathPrefix, out var window);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        // Keep the definition's order, but let a node listed before its parent wait for it.
        var pending = definition.Nodes!.ToList();
        var root = pending.Single(n => !n.Id!.Contains('/', StringComparison.Ordinal));
        var builder = new BudgetTreeBuilder(MoneyDefinitionValidator.ToMoney(root.Limit!).Currency, window);
        var added = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var node = pending.First(n => n == root || added.Contains(n.Id![..n.Id!.LastIndexOf('/')]));
            builder.Add(node.Id!, MoneyDefinitionValidator.ToMoney(node.Limit!), ToPlan(node.Pacing), ToCaps(node.Caps));
            added.Add(node.Id!);
            pending.Remove(node);
        }

        return builder.Build();
    }

    /// <summary>Writes a tree as a definition that <see cref="Compile"/> turns back into an equal tree.</summary>
    /// <param name="tree">The tree.</param>
    /// <returns>The definition: the window (local start and end in its zone), then every node, parents first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public static BudgetTreeDefinition ToDefinition(BudgetTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return new BudgetTreeDefinition
        {
            Window = tree.Window is { } window ? ToDefinition(window) : null,
            Nodes = [.. tree.Nodes.Select(node => new BudgetNodeDefinition
            {
                Id = node.Path,
                Limit = MoneyDefinition.From(node.Limit),
                Pacing = node.Pacing is { } pacing ? ToDefinition(pacing) : null,
                Caps = node.Caps is { } caps ? ToDefinition(caps) : null,
            })],
        };
    }

    /// <summary>Writes a tree as indented camelCase JSON that <see cref="Load"/> reads back into an equal tree.</summary>
    /// <param name="tree">The tree.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public static string Serialize(BudgetTree tree) => DefinitionJson.Serialize(ToDefinition(tree));

    /// <summary>Writes a definition as indented camelCase JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static string Serialize(BudgetTreeDefinition definition) => DefinitionJson.Serialize(definition);

    private static CampaignWindowDefinition ToDefinition(CampaignWindow window) => new()
    {
        Zone = window.Zone.Id,
        Start = LocalText.Format(window.LocalStart),
        End = LocalText.Format(window.LocalEnd),
        SkippedTime = Resolution(window, skipped: true),
        AmbiguousTime = Resolution(window, skipped: false),
    };

    // A local start or end that DST skipped or repeated was placed by a policy; name the one that gives the same instants.
    private static string? Resolution(CampaignWindow window, bool skipped)
    {
        foreach (var (local, instant) in new[] { (window.LocalStart, window.Start), (window.LocalEnd, window.End) })
        {
            var mapping = window.Zone.MapLocal(local);
            if (skipped && mapping.Count == 0)
            {
                return instant == mapping.LateInterval.Start ? "endOfGap" : "shiftForward";
            }

            if (!skipped && mapping.Count == 2)
            {
                return instant == mapping.First().ToInstant() ? "earlierOffset" : "laterOffset";
            }
        }

        return null;
    }

    private static PacingDefinition ToDefinition(PacingPlan plan) => new()
    {
        Split = plan.DayWeights is null ? "even" : "weighted",
        Weights = plan.DayWeights is { } weights ? [.. weights] : null,
        RollOver = plan.RollOver,
        WithinDay = plan.WithinDay.Kind switch
        {
            IntraDayReleaseKind.Linear => "linear",
            IntraDayReleaseKind.Steps => "steps",
            _ => "allAtStart",
        },
        WithinDayWeights = plan.WithinDay.Kind == IntraDayReleaseKind.Steps ? [.. plan.WithinDay.Weights] : null,
    };

    private static ParticipantCapsDefinition ToDefinition(ParticipantCaps caps) => new()
    {
        MaxAmountPerCampaign = caps.MaxAmountPerCampaign is { } campaignAmount ? MoneyDefinition.From(campaignAmount) : null,
        MaxGrantsPerCampaign = caps.MaxGrantsPerCampaign,
        MaxAmountPerDay = caps.MaxAmountPerDay is { } dayAmount ? MoneyDefinition.From(dayAmount) : null,
        MaxGrantsPerDay = caps.MaxGrantsPerDay,
    };

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
            MaxAmountPerCampaign = caps.MaxAmountPerCampaign is { } campaignAmount ? MoneyDefinitionValidator.ToMoney(campaignAmount) : null,
            MaxGrantsPerCampaign = caps.MaxGrantsPerCampaign,
            MaxAmountPerDay = caps.MaxAmountPerDay is { } dayAmount ? MoneyDefinitionValidator.ToMoney(dayAmount) : null,
            MaxGrantsPerDay = caps.MaxGrantsPerDay,
        };
}
