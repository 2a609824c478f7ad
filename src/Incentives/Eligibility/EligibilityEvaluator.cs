using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Incentives.Claims;

namespace Incentives.Eligibility;

/// <summary>
/// A compiled <see cref="EligibilityRule"/>: <see cref="IsEligible"/> for the hot path and <see cref="Explain"/> for
/// the reasons of a "no". Create with <see cref="EligibilityRule.Compile"/> once, and reuse.
/// </summary>
/// <remarks>
/// <para>
/// Compilation turns every set into an ordinal matcher (a linear scan up to 8 values, a
/// <see cref="System.Collections.Frozen.FrozenSet{T}"/> beyond), every rule into a sealed node, flattens nested
/// all-ofs and any-ofs, and compiles the tree into one delegate (System.Linq.Expressions) of <c>&amp;&amp;</c>,
/// <c>||</c> and <c>!</c> over direct calls to the leaves, so that the hot path costs what a hand-written lambda
/// costs. Where dynamic code is not compiled (NativeAOT), the same nodes are walked instead.
/// </para>
/// <para>
/// Evaluation is pure: it reads only the claim (which carries its instant) and never a clock. <see cref="IsEligible"/>
/// allocates nothing; <see cref="Explain"/> allocates nothing for an eligible claim (it returns the shared
/// <see cref="EligibilityResult.Eligible"/>) and builds the failures only for an ineligible one. Both always agree
/// when the rule's inputs are deterministic. The explanation of a "no" is built from one evaluation of the tree in which
/// every leaf runs once (a <see cref="MinOrderAmountRule"/>'s conversion is called once), so its failures never
/// contradict its own decision even if a conversion changes its rate between calls.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe: share one instance across threads.</threadsafety>
public sealed class EligibilityEvaluator
{
    private readonly RuleNode root;
    private readonly Func<Claim, bool> test;

    internal EligibilityEvaluator(EligibilityRule rule)
        : this(rule, RuntimeFeature.IsDynamicCodeCompiled)
    {
    }

    /// <summary>Builds an evaluator; <paramref name="compileDelegate"/> false walks the nodes (the NativeAOT path; tests compare both).</summary>
    internal EligibilityEvaluator(EligibilityRule rule, bool compileDelegate)
    {
        Rule = rule;
        root = rule.CreateNode(string.Empty);
        test = compileDelegate ? CompileTree(root) : root.Test;
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
        return test(claim);
    }

    /// <summary>Answers with reasons: <see cref="EligibilityResult.Eligible"/>, or every failed condition.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The explained result; it agrees with <see cref="IsEligible"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is <see langword="null"/>.</exception>
    public EligibilityResult Explain(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (test(claim))
        {
            return EligibilityResult.Eligible;
        }

        // The explanation evaluates the tree once more, each leaf once, and decides from that same evaluation: a leaf
        // with an outside input (a currency conversion) is called once and its failure is built from that call.
        var failures = new List<EligibilityFailure>();
        return root.TryExplain(claim, failures) ? EligibilityResult.Eligible : EligibilityResult.Ineligible(failures);
    }

    /// <summary>
    /// Compiles the node tree into one delegate: combinators become <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>, and
    /// each leaf a direct call to its sealed node, which the JIT can inline, as in a hand-written lambda.
    /// </summary>
    private static Func<Claim, bool> CompileTree(RuleNode root)
    {
        var claim = Expression.Parameter(typeof(Claim), "claim");
        return Expression.Lambda<Func<Claim, bool>>(root.ToExpression(claim), claim).Compile();
    }
}
