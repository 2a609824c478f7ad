using System;
using System.Collections.Generic;
using System.Linq;
using FluentValidation.Results;
using Incentives.Budgets;
using Incentives.Eligibility;
using Incentives.Time;

namespace Incentives.Campaigns;

/// <summary>
/// The checks of a compiled campaign against its budget tree, shared by the JSON validators and by the code path
/// (<see cref="CampaignProgramme"/>, <see cref="CampaignEngine"/>), so that both report the same failures with the same paths.
/// </summary>
internal static class CampaignChecks
{
    /// <summary>Checks every campaign against its tree; campaigns on a budget in <paramref name="skip"/> (defined, but invalid) are not, as that failure is reported at the budget.</summary>
    public static void CheckAll(
        IReadOnlyList<Campaign> campaigns, Func<string, BudgetTree?> treeOf, Func<int, string> prefixOf, List<ValidationFailure> failures, Func<string, bool>? skip = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < campaigns.Count; i++)
        {
            var campaign = campaigns[i];
            var prefix = prefixOf(i);
            var idPath = CampaignValidation.Join(prefix, "id");
            if (!seen.Add(campaign.Id) && !failures.Exists(f => f.PropertyName == idPath && f.ErrorCode == CampaignErrorCodes.DuplicateId))
            {
                failures.Add(Failure(prefix, "id", CampaignErrorCodes.DuplicateId, $"Another campaign has the id '{campaign.Id}'; campaign ids must be unique."));
            }

            if (skip?.Invoke(campaign.BudgetId) != true)
            {
                Check(campaign, treeOf(campaign.BudgetId), prefix, failures);
            }
        }
    }

    public static void Check(Campaign campaign, BudgetTree? tree, string prefix, List<ValidationFailure> failures)
    {
        CheckSchedule(campaign.Schedule, prefix, failures);
        var templateOk = CheckTemplate(campaign.Route, prefix, failures);
        if (tree is null)
        {
            failures.Add(Failure(prefix, "budget.id", CampaignErrorCodes.UnknownBudget, $"There is no budget '{campaign.BudgetId}'."));
            return;
        }

        if (campaign.Reward.Currency != tree.Currency)
        {
            failures.Add(Failure(prefix, "reward", CampaignErrorCodes.CurrencyMismatch,
                $"The reward is in {campaign.Reward.Currency.Code} but budget '{campaign.BudgetId}' is in {tree.Currency.Code}."));
        }

        if (tree.Window is { } budgetWindow && (campaign.Schedule.Window.Start < budgetWindow.Start || campaign.Schedule.Window.End > budgetWindow.End))
        {
            failures.Add(Failure(prefix, "window", CampaignErrorCodes.WindowOutsideBudget,
                $"The window {campaign.Schedule.Window} reaches outside budget '{campaign.BudgetId}''s window {budgetWindow}, where every reservation is refused."));
        }

        CheckRoute(campaign, tree, templateOk, prefix, failures);
    }

    private static void CheckSchedule(ICampaignSchedule schedule, string prefix, List<ValidationFailure> failures)
    {
        if (schedule is SlotSchedule slots && slots.GetSlotIntervals().Count == 0)
        {
            failures.Add(Failure(prefix, "window.slots", CampaignErrorCodes.NoSlotLeft,
                $"No slot of the schedule occurs inside the window {slots.Window}: the campaign could never be claimed."));
        }
    }

    private static bool CheckTemplate(BudgetRoute route, string prefix, List<ValidationFailure> failures)
    {
        if (route.PathTemplate is not { } template)
        {
            return true;
        }

        var rest = template.Replace(BudgetRoute.ChannelPlaceholder, "c", StringComparison.Ordinal)
            .Replace(BudgetRoute.CategoryPlaceholder, "c", StringComparison.Ordinal);
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal) || !BudgetTreeBuilder.IsValidPath(rest))
        {
            failures.Add(Failure(prefix, "budget.path", CampaignErrorCodes.InvalidTemplate,
                $"'{template}' is not a path template: use node names separated by '/', with {BudgetRoute.ChannelPlaceholder} and {BudgetRoute.CategoryPlaceholder} as the only placeholders."));
            return false;
        }

        return true;
    }

    private static void CheckRoute(Campaign campaign, BudgetTree tree, bool templateOk, string prefix, List<ValidationFailure> failures)
    {
        var route = campaign.Route;
        for (var i = 0; i < route.Entries.Count; i++)
        {
            var entry = route.Entries[i];
            if (!tree.TryGetNode(entry.Path, out _))
            {
                failures.Add(Failure(prefix, $"budget.map[{i}].path", CampaignErrorCodes.UnknownNode, $"Budget '{campaign.BudgetId}' has no node '{entry.Path}'."));
            }
        }

        var fallbackOk = route.Fallback is null || tree.TryGetNode(route.Fallback, out _);
        if (!fallbackOk)
        {
            failures.Add(Failure(prefix, "budget.fallback", CampaignErrorCodes.UnknownNode, $"Budget '{campaign.BudgetId}' has no node '{route.Fallback}'."));
        }

        if (route.PathTemplate is not { } template || route.Fallback is not null || !templateOk)
        {
            return;
        }

        if (!route.UsesChannel && !route.UsesCategory)
        {
            if (!tree.TryGetNode(template, out _))
            {
                failures.Add(Failure(prefix, "budget.path", CampaignErrorCodes.UnknownNode, $"Budget '{campaign.BudgetId}' has no node '{template}'."));
            }

            return;
        }

        // Only what the rule pins down can be checked: the channels and categories a top-level rule allows.
        var channels = route.UsesChannel ? Allowed(campaign.Rule, r => (r as ChannelRule)?.Channels) : [string.Empty];
        var categories = route.UsesCategory ? Allowed(campaign.Rule, r => (r as CategoryRule)?.Categories) : [string.Empty];
        if (channels is null || categories is null)
        {
            return;
        }

        foreach (var channel in channels)
        {
            foreach (var category in categories)
            {
                var path = route.Resolve(route.UsesChannel ? channel : "any", route.UsesCategory ? category : null);
                if (path is not null && !tree.TryGetNode(path, out _))
                {
                    failures.Add(Failure(prefix, "budget.path", CampaignErrorCodes.UnknownNode,
                        $"For channel '{channel}' and category '{category}', which the rule allows, '{template}' names '{path}', which budget '{campaign.BudgetId}' does not have; add the node or a fallback."));
                }
            }
        }
    }

    /// <summary>The values a rule allows for one property, when a top-level rule (or a rule of a top-level all-of) pins them down.</summary>
    private static IReadOnlyList<string>? Allowed(EligibilityRule? rule, Func<EligibilityRule, IReadOnlyList<string>?> valuesOf) => rule switch
    {
        null => null,
        AllOfRule all => all.Rules.Select(valuesOf).FirstOrDefault(v => v is not null),
        _ => valuesOf(rule),
    };

    private static ValidationFailure Failure(string prefix, string path, string code, string message) =>
        new(CampaignValidation.Join(prefix, path), message) { ErrorCode = code };
}
