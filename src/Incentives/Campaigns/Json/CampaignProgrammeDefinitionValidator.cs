using System;
using System.Collections.Generic;
using FluentValidation;
using FluentValidation.Results;

namespace Incentives.Campaigns.Json;

/// <summary>
/// Validates a <see cref="CampaignProgrammeDefinition"/> as a whole: budget ids and trees (<c>budgets[i].tree...</c>), every
/// campaign (<c>campaigns[i]...</c>) against its budget, duplicate campaign and budget ids, unknown budgets.
/// </summary>
/// <remarks>Every failure is reported at once, with its camelCase JSON path.</remarks>
public sealed class CampaignProgrammeDefinitionValidator : AbstractValidator<CampaignProgrammeDefinition>
{
    /// <summary>Initializes the validator.</summary>
    public CampaignProgrammeDefinitionValidator()
        : this(string.Empty)
    {
    }

    /// <summary>Initializes the validator with a prefix for every path.</summary>
    /// <param name="pathPrefix">The prefix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pathPrefix"/> is null.</exception>
    public CampaignProgrammeDefinitionValidator(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        RuleFor(d => d).Custom((definition, context) =>
        {
            var failures = new List<ValidationFailure>();
            CampaignCompiler.Compile(definition, pathPrefix, failures);
            failures.ForEach(context.AddFailure);
        });
    }
}
