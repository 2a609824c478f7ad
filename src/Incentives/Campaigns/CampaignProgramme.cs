using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Budgets;

namespace Incentives.Campaigns;

/// <summary>
/// A set of campaigns and the budget trees they draw from, checked together: unique campaign ids, known budgets, matching
/// currencies, node paths that exist, windows inside their budgets' windows.
/// </summary>
/// <remarks>Load one from JSON with <see cref="Json.CampaignProgrammeJson"/>, or build one in code with <see cref="Create(IEnumerable{Campaign}, IEnumerable{KeyValuePair{string, BudgetTree}})"/>.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class CampaignProgramme
{
    private CampaignProgramme(Campaign[] campaigns, Dictionary<string, BudgetTree> budgets)
    {
        Campaigns = Array.AsReadOnly(campaigns);
        Budgets = budgets.AsReadOnly();
    }

    /// <summary>Gets the campaigns, in the order given.</summary>
    public ReadOnlyCollection<Campaign> Campaigns { get; }

    /// <summary>Gets the budget trees by budget id.</summary>
    public ReadOnlyDictionary<string, BudgetTree> Budgets { get; }

    /// <summary>Checks campaigns against budget trees and returns the programme.</summary>
    /// <param name="campaigns">The campaigns.</param>
    /// <param name="budgets">The budget trees by id.</param>
    /// <returns>The programme.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ValidationException">One exception listing every problem, with paths <c>campaigns[i]...</c> and <c>budgets[id]</c>.</exception>
    public static CampaignProgramme Create(IEnumerable<Campaign> campaigns, IEnumerable<KeyValuePair<string, BudgetTree>> budgets) =>
        Create(campaigns, budgets, i => $"campaigns[{i}]");

    /// <summary>Checks campaigns against budget trees, with the caller's path for each campaign (where it was defined).</summary>
    internal static CampaignProgramme Create(IEnumerable<Campaign> campaigns, IEnumerable<KeyValuePair<string, BudgetTree>> budgets, Func<int, string> prefixOf)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(budgets);
        var list = campaigns.ToArray();
        if (list.Any(c => c is null))
        {
            throw new ArgumentNullException(nameof(campaigns), "A campaign is null.");
        }

        var failures = new List<ValidationFailure>();
        var trees = new Dictionary<string, BudgetTree>(StringComparer.Ordinal);
        foreach (var (id, tree) in budgets)
        {
            ArgumentNullException.ThrowIfNull(tree, nameof(budgets));
            if (!Campaign.IsValidId(id))
            {
                failures.Add(new ValidationFailure($"budgets[{id}]", $"'{id}' is not a budget id.") { ErrorCode = CampaignErrorCodes.InvalidBudgetId });
            }
            else if (!trees.TryAdd(id, tree))
            {
                failures.Add(new ValidationFailure($"budgets[{id}]", $"Budget '{id}' is given twice.") { ErrorCode = CampaignErrorCodes.DuplicateBudgetId });
            }
        }

        CampaignChecks.CheckAll(list, id => trees.GetValueOrDefault(id), prefixOf, failures);
        if (failures.Count > 0)
        {
            throw CampaignValidation.Exception("The campaign programme is invalid:", failures);
        }

        return new CampaignProgramme(list, trees);
    }
}
