using System;
using System.Collections.Generic;
using System.Text;

namespace Incentives.Eligibility;

/// <summary>
/// The explained answer to "does this rule accept this claim?": <see cref="Eligible"/>, or ineligible with every
/// failed condition in <see cref="Failures"/>.
/// </summary>
/// <remarks>
/// The eligible answer is a single shared instance, so that explaining an eligible claim allocates nothing.
/// </remarks>
/// <threadsafety>Instances are immutable and thread-safe.</threadsafety>
public sealed class EligibilityResult
{
    private static readonly EligibilityFailure[] NoFailures = [];

    private EligibilityResult(IReadOnlyList<EligibilityFailure> failures) => Failures = failures;

    /// <summary>Gets the eligible answer (a shared instance with no failures).</summary>
    public static EligibilityResult Eligible { get; } = new(NoFailures);

    /// <summary>Gets a value indicating whether the claim is eligible.</summary>
    public bool IsEligible => Failures.Count == 0;

    /// <summary>Gets every failed condition, in rule order; empty when eligible.</summary>
    public IReadOnlyList<EligibilityFailure> Failures { get; }

    /// <summary>Creates an ineligible answer.</summary>
    /// <param name="failures">The failed conditions: at least one.</param>
    /// <returns>The ineligible answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failures"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="failures"/> is empty or contains <see langword="null"/>.</exception>
    public static EligibilityResult Ineligible(IEnumerable<EligibilityFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var list = new List<EligibilityFailure>(failures);
        if (list.Count == 0 || list.Contains(null!))
        {
            throw new ArgumentException("An ineligible result needs at least one failure and no null failure.", nameof(failures));
        }

        return new EligibilityResult(list.AsReadOnly());
    }

    /// <summary>Returns <c>Eligible</c>, or <c>Ineligible</c> followed by one line per failure (<c>code: message</c>, causes indented).</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        if (IsEligible)
        {
            return "Eligible";
        }

        var builder = new StringBuilder("Ineligible");
        foreach (var failure in Failures)
        {
            builder.Append('\n');
            failure.Append(builder, 1);
        }

        return builder.ToString();
    }
}
