using System;
using System.Collections.Generic;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Budgets;

namespace Incentives.Campaigns.Json;

/// <summary>
/// Validates a <see cref="CampaignDefinition"/> as a whole: its own fields, each part with its own area's rules (failures
/// re-rooted under <c>window</c>, <c>rule</c>, <c>reward</c>), and, when budget trees are given, the campaign against its tree
/// (currency, node paths for the channels and categories the rule allows, window inside the budget's window).
/// </summary>
/// <remarks>Every failure is reported at once, with its camelCase JSON path and a code from <see cref="CampaignErrorCodes"/> or the part's area.</remarks>
public sealed class CampaignDefinitionValidator : AbstractValidator<CampaignDefinition>
{
    /// <summary>Initializes a validator that checks the campaign alone (no budget trees: budget references are not resolved).</summary>
    public CampaignDefinitionValidator()
        : this(null)
    {
    }

    /// <summary>Initializes a validator that also checks the campaign against the budget trees.</summary>
    /// <param name="budgets">The budget trees by id, or <see langword="null"/> to check the campaign alone.</param>
    /// <param name="pathPrefix">A prefix for every path, e.g. <c>campaigns[2]</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pathPrefix"/> is null.</exception>
    public CampaignDefinitionValidator(IReadOnlyDictionary<string, BudgetTree>? budgets, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        RuleFor(d => d).Custom((definition, context) =>
        {
            var failures = new List<ValidationFailure>();
            CampaignCompiler.Compile(definition, pathPrefix, budgets, failures);
            failures.ForEach(context.AddFailure);
        });
    }
}
