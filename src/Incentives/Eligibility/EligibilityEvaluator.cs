using System;
using System.Collections.Generic;
using Incentives.Claims;

namespace Incentives.Eligibility;

/// <summary>
/// A compiled <see cref="EligibilityRule"/>: <see cref="IsEligible"/> for the hot path and <see cref="Explain"/> for
/// the reasons of a "no". Create with <see cref="EligibilityRule.Compile"/> once, and reuse.
/// </summary>
/// <remarks>
/// <para>
/// Compilation turns every set into a <see cref="System.Collections.Frozen.FrozenSet{T}"/> (ordinal), every rule
/// into a sealed node, and flattens nested all-ofs and any-ofs into arrays, so that evaluation costs a handful of
/// virtual calls and hash lookups.
/// </para>
/// <para>
/// Evaluation is pure: it reads only the claim (which carries its instant) and never a clock. <see cref="IsEligible"/>
/// allocates nothing; <see cref="Explain"/> allocates nothing for an eligible claim (it returns the shared
/// <see cref="EligibilityResult.Eligible"/>) and builds the failures only for an ineligible one. Both always agree.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe: share one instance across threads.</threadsafety>
public sealed class EligibilityEvaluator
{
    private readonly RuleNode root;

    internal EligibilityEvaluator(EligibilityRule rule)
    {
        Rule = rule;
        root = rule.CreateNode(string.Empty);
    }

    /// <summary>Gets the rule this evaluator was compiled from.</summary>
    public EligibilityRule Rule { get; }

    /// <summary>Answers yes or no, without allocating.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns><see langword="true"/> when the claim satisfies the rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is <see langword="null"/>.</exception>
    public bool IsEligible(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return root.Test(claim);
    }

    /// <summary>Answers with reasons: <see cref="EligibilityResult.Eligible"/>, or every failed condition.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The explained result; it agrees with <see cref="IsEligible"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is <see langword="null"/>.</exception>
    public EligibilityResult Explain(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (root.Test(claim))
        {
            return EligibilityResult.Eligible;
        }

        var failures = new List<EligibilityFailure>();
        root.AddFailures(claim, failures);
        return EligibilityResult.Ineligible(failures);
    }
}
