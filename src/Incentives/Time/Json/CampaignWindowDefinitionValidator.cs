using System;
using System.Collections.Generic;
using FluentValidation;
using FluentValidation.Results;

namespace Incentives.Time.Json;

/// <summary>
/// Validates a <see cref="CampaignWindowDefinition"/> and reports every problem at once, each with its JSON path
/// (<c>zone</c>, <c>end</c>, <c>slots[1].daysOfWeek[0]</c>, ...) and a <see cref="WindowErrorCodes"/> code: unknown zone ids,
/// malformed dates and times, an end not after the start, DST gaps and overlaps the policy rejects, empty, overlapping or
/// never-occurring slots, bad days of the week.
/// </summary>
/// <threadsafety>Instances are immutable and thread-safe.</threadsafety>
public sealed class CampaignWindowDefinitionValidator : AbstractValidator<CampaignWindowDefinition>
{
    /// <summary>Initializes a validator whose paths start at the definition's own properties (<c>zone</c>, <c>slots[0].start</c>).</summary>
    public CampaignWindowDefinitionValidator()
        : this(string.Empty)
    {
    }

    /// <summary>Initializes a validator whose paths are prefixed, for a window nested in a larger definition.</summary>
    /// <param name="pathPrefix">The path of the window in the enclosing JSON, e.g. <c>window</c> gives <c>window.zone</c>; empty for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pathPrefix"/> is <see langword="null"/>.</exception>
    public CampaignWindowDefinitionValidator(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        RuleFor(definition => definition)
            .Custom((definition, context) =>
            {
                var failures = new List<ValidationFailure>();
                WindowDefinitionCompiler.Compile(definition, pathPrefix, failures);
                foreach (var failure in failures)
                {
                    context.AddFailure(failure);
                }
            });
    }
}
