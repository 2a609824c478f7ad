using System;
using System.Collections.Generic;
using System.Linq;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Budgets;
using Incentives.Budgets.Json;
using Incentives.Eligibility.Json;
using Incentives.Rewards;
using Incentives.Rewards.Json;
using Incentives.Time;
using Incentives.Time.Json;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Campaigns.Json;

/// <summary>
/// Validates and builds campaign and programme definitions in one pass: each part is compiled by its own area (and its failures are
/// re-rooted under the part's path), then the compiled campaign is checked against its budget tree.
/// </summary>
internal static class CampaignCompiler
{
    public static Campaign? Compile(CampaignDefinition d, string prefix, IReadOnlyDictionary<string, BudgetTree>? budgets, List<ValidationFailure> failures)
    {
        var before = failures.Count;
        if (!Campaign.IsValidId(d.Id))
        {
            Add(failures, prefix, "id", CampaignErrorCodes.InvalidId, $"'{d.Id}' is not a campaign id: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }

        if (d.Name is not null && string.IsNullOrWhiteSpace(d.Name))
        {
            Add(failures, prefix, "name", CampaignErrorCodes.Empty, "The name, when given, must not be blank.");
        }

        Currency? declared = null;
        if (d.Currency is not null && !Currency.TryFromCode(d.Currency, out declared))
        {
            Add(failures, prefix, "currency", Serialization.DefinitionErrorCodes.UnknownCurrency, $"'{d.Currency}' is not an ISO 4217 currency code.");
        }

        var schedule = d.Window is null
            ? Missing<ICampaignSchedule>(failures, prefix, "window", "The campaign needs a window.")
            : Part(failures, prefix, "window", () => CampaignWindowJson.Compile(d.Window, CampaignValidation.Join(prefix, "window")), rooted: true);
        var rule = d.Rule is null ? null : Part(failures, prefix, "rule", () => EligibilityRuleJson.Compile(d.Rule), rooted: false);
        var reward = d.Reward is null
            ? Missing<RewardPolicy>(failures, prefix, "reward", "The campaign needs a reward.")
            : Part(failures, prefix, "reward", () => RewardPolicyJson.Compile(d.Reward), rooted: false);
        var route = Route(d.Budget, prefix, failures);
        var hold = Hold(d.Hold, prefix, failures);
        var stacking = Stacking(d.Stacking, prefix, failures);

        if (declared is not null && reward is not null && reward.Currency != declared)
        {
            Add(failures, prefix, "reward", CampaignErrorCodes.CurrencyMismatch, $"The reward is in {reward.Currency.Code} but the campaign is declared in {declared.Code}.");
        }

        if (failures.Count > before)
        {
            return null;
        }

        var builder = Campaign.Create(d.Id!).During(schedule!).Rewarding(reward!).DrawingFrom(d.Budget!.Id!, route!)
            .HoldingFor(hold).WithPriority(d.Priority ?? 0).WithStacking(stacking);
        if (d.Name is not null)
        {
            builder.Named(d.Name);
        }

        if (rule is not null)
        {
            builder.When(rule);
        }

        var campaign = builder.Build();
        if (budgets is null)
        {
            var alone = new List<ValidationFailure>();
            CampaignChecks.Check(campaign, null, prefix, alone);
            failures.AddRange(alone.Where(f => f.ErrorCode != CampaignErrorCodes.UnknownBudget));
            return failures.Count > before ? null : campaign;
        }

        var tree = budgets.GetValueOrDefault(campaign.BudgetId);
        if (declared is not null && tree is not null && tree.Currency != declared)
        {
            Add(failures, prefix, "currency", CampaignErrorCodes.CurrencyMismatch, $"The campaign is declared in {declared.Code} but budget '{campaign.BudgetId}' is in {tree.Currency.Code}.");
        }

        CampaignChecks.Check(campaign, tree, prefix, failures);
        return failures.Count > before ? null : campaign;
    }

    public static CampaignProgramme? Compile(CampaignProgrammeDefinition d, string prefix, List<ValidationFailure> failures)
    {
        var before = failures.Count;
        var parts = CompileParts(d, prefix, failures);
        if (parts.Campaigns.Count == 0 && (d.Campaigns ?? []).Count == 0)
        {
            Add(failures, prefix, "campaigns", CampaignErrorCodes.Required, "A programme needs at least one campaign.");
        }

        CampaignChecks.CheckAll(parts.Campaigns, id => parts.Trees.GetValueOrDefault(id), i => parts.Paths[i], failures, parts.InvalidBudgets.Contains);
        return failures.Count > before ? null : CampaignProgramme.Create(parts.Campaigns, parts.Trees, i => parts.Paths[i]);
    }

    /// <summary>
    /// Compiles the budgets and each campaign on its own (not yet against the trees), so that a caller can combine several
    /// documents before the cross-checks (<see cref="CampaignChecks.CheckAll"/>).
    /// </summary>
    public static ProgrammeParts CompileParts(CampaignProgrammeDefinition d, string prefix, List<ValidationFailure> failures)
    {
        var parts = new ProgrammeParts();
        var budgets = d.Budgets ?? [];
        for (var i = 0; i < budgets.Count; i++)
        {
            var at = CampaignValidation.Join(prefix, $"budgets[{i}]");
            if (budgets[i] is not { } budget)
            {
                Add(failures, at, string.Empty, CampaignErrorCodes.Required, "A budget must be an object, not null.");
                continue;
            }

            var validId = Campaign.IsValidId(budget.Id);
            if (!validId)
            {
                Add(failures, at, "id", CampaignErrorCodes.InvalidBudgetId, $"'{budget.Id}' is not a budget id: use lower-case letters, digits, '.', '_' and '-'.");
            }
            else if (parts.Trees.ContainsKey(budget.Id!) || parts.InvalidBudgets.Contains(budget.Id!))
            {
                Add(failures, at, "id", CampaignErrorCodes.DuplicateBudgetId, $"Another budget has the id '{budget.Id}'.");
                continue;
            }

            var tree = budget.Tree is null
                ? Missing<BudgetTree>(failures, at, "tree", "The budget needs a tree.")
                : Part(failures, at, "tree", () => BudgetTreeJson.Compile(budget.Tree), rooted: false);
            if (validId && tree is not null)
            {
                parts.Trees.Add(budget.Id!, tree);
            }
            else if (validId)
            {
                parts.InvalidBudgets.Add(budget.Id!);
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = d.Campaigns ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var at = CampaignValidation.Join(prefix, $"campaigns[{i}]");
            if (list[i] is not { } definition)
            {
                Add(failures, at, string.Empty, CampaignErrorCodes.Required, "A campaign must be an object, not null.");
                continue;
            }

            if (definition.Id is not null && !ids.Add(definition.Id))
            {
                Add(failures, at, "id", CampaignErrorCodes.DuplicateId, $"Another campaign has the id '{definition.Id}'; campaign ids must be unique.");
            }

            if (Compile(definition, at, null, failures) is { } campaign)
            {
                parts.Campaigns.Add(campaign);
                parts.Paths.Add(at);
            }
        }

        return parts;
    }

    private static BudgetRoute? Route(CampaignBudgetDefinition? budget, string prefix, List<ValidationFailure> failures)
    {
        if (budget is null)
        {
            return Missing<BudgetRoute>(failures, prefix, "budget", "The campaign needs a budget: { \"id\": ..., \"path\": ... }.");
        }

        var before = failures.Count;
        if (!Campaign.IsValidId(budget.Id))
        {
            Add(failures, prefix, "budget.id", CampaignErrorCodes.InvalidBudgetId, $"'{budget.Id}' is not a budget id: use lower-case letters, digits, '.', '_' and '-'.");
        }

        if (budget.Path is null && (budget.Map is null || budget.Map.Count == 0))
        {
            Add(failures, prefix, "budget.path", CampaignErrorCodes.Required, "Give a node path or template in 'path', or entries in 'map'.");
        }

        if (budget.Path is not null && string.IsNullOrWhiteSpace(budget.Path))
        {
            Add(failures, prefix, "budget.path", CampaignErrorCodes.InvalidTemplate, "The path must not be blank.");
        }

        if (budget.Fallback is not null && string.IsNullOrWhiteSpace(budget.Fallback))
        {
            Add(failures, prefix, "budget.fallback", CampaignErrorCodes.UnknownNode, "The fallback must not be blank.");
        }

        var map = budget.Map ?? [];
        var seen = new HashSet<(string?, string?)>();
        for (var i = 0; i < map.Count; i++)
        {
            var at = $"budget.map[{i}]";
            if (map[i] is not { } entry)
            {
                Add(failures, prefix, at, CampaignErrorCodes.Required, "A map entry must be an object, not null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Channel))
            {
                Add(failures, prefix, at + ".channel", CampaignErrorCodes.Empty, "A map entry needs a channel.");
            }

            if (entry.Category is not null && string.IsNullOrWhiteSpace(entry.Category))
            {
                Add(failures, prefix, at + ".category", CampaignErrorCodes.Empty, "The category, when given, must not be blank.");
            }

            if (string.IsNullOrWhiteSpace(entry.Path))
            {
                Add(failures, prefix, at + ".path", CampaignErrorCodes.Empty, "A map entry needs a node path.");
            }

            if (!seen.Add((entry.Channel, entry.Category)))
            {
                Add(failures, prefix, at, CampaignErrorCodes.InvalidTemplate, $"Another entry maps channel '{entry.Channel}' and category '{entry.Category ?? "*"}'.");
            }
        }

        if (failures.Count > before)
        {
            return null;
        }

        var route = budget.Path is null ? BudgetRoute.Explicit(budget.Fallback) : BudgetRoute.Template(budget.Path, budget.Fallback);
        foreach (var entry in map)
        {
            route = route.Map(entry!.Channel!, entry.Category, entry.Path!);
        }

        return route;
    }

    private static Duration Hold(string? text, string prefix, List<ValidationFailure> failures)
    {
        if (text is null)
        {
            return Campaign.DefaultHold;
        }

        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (!parsed.Success || parsed.Value.Years != 0 || parsed.Value.Months != 0 || parsed.Value.ToDuration() <= Duration.Zero)
        {
            Add(failures, prefix, "hold", CampaignErrorCodes.InvalidHold, $"'{text}' is not a positive ISO 8601 duration without years or months, such as 'PT15M' or 'P1D'.");
            return Campaign.DefaultHold;
        }

        return parsed.Value.ToDuration();
    }

    private static StackingMode Stacking(string? text, string prefix, List<ValidationFailure> failures)
    {
        switch (text?.ToUpperInvariant())
        {
            case null or "EXCLUSIVE":
                return StackingMode.Exclusive;
            case "STACKABLE":
                return StackingMode.Stackable;
            case "BESTFORPARTICIPANT":
                return StackingMode.BestForParticipant;
            default:
                Add(failures, prefix, "stacking", CampaignErrorCodes.InvalidStacking, $"'{text}' is not a stacking mode: use 'exclusive', 'stackable' or 'bestForParticipant'.");
                return StackingMode.Exclusive;
        }
    }

    /// <summary>Compiles one part with its own area's compiler, re-rooting its failures under the part's path.</summary>
    private static T? Part<T>(List<ValidationFailure> failures, string prefix, string path, Func<T> compile, bool rooted)
        where T : class
    {
        var at = CampaignValidation.Join(prefix, path);
        try
        {
            return compile();
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
            {
                failures.Add(new ValidationFailure(rooted ? error.PropertyName : CampaignValidation.Join(at, error.PropertyName), error.ErrorMessage, error.AttemptedValue)
                {
                    ErrorCode = error.ErrorCode,
                });
            }
        }
        catch (ArgumentException e)
        {
            failures.Add(new ValidationFailure(at, e.Message) { ErrorCode = CampaignErrorCodes.InvalidPart });
        }

        return null;
    }

    private static T? Missing<T>(List<ValidationFailure> failures, string prefix, string path, string message)
        where T : class
    {
        Add(failures, prefix, path, CampaignErrorCodes.Required, message);
        return null;
    }

    private static void Add(List<ValidationFailure> failures, string prefix, string path, string code, string message) =>
        failures.Add(new ValidationFailure(CampaignValidation.Join(prefix, path), message) { ErrorCode = code });

    /// <summary>What a programme document compiles to before the cross-checks: campaigns with their paths, valid trees, and the ids of budgets defined with an invalid tree.</summary>
    internal sealed class ProgrammeParts
    {
        public List<Campaign> Campaigns { get; } = [];

        public List<string> Paths { get; } = [];

        public Dictionary<string, BudgetTree> Trees { get; } = new(StringComparer.Ordinal);

        public HashSet<string> InvalidBudgets { get; } = new(StringComparer.Ordinal);
    }
}
