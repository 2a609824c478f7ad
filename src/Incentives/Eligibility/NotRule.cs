using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>Holds when its <see cref="Rule"/> does not. JSON: <c>{"type":"not","rule":{...}}</c>.</summary>
/// <remarks>
/// <para>
/// When the excluded rule holds, the explanation is one failure with code <see cref="EligibilityCodes.NotExcluded"/>
/// whose message says what the excluded rule matched, for example
/// <c>Excluded: participant 'u-1' is in segment 'blocked'.</c>; when the excluded rule holds because conditions under a
/// further <c>not</c> inside it failed, those failures are the failure's <see cref="EligibilityFailure.Causes"/>.
/// </para>
/// <para>
/// A double negation <c>not(not(x))</c> compiles to <c>x</c>: it holds exactly when <c>x</c> holds and its explanation
/// is <c>x</c>'s own (same codes, at the path <c>rule.rule</c>).
/// </para>
/// <para>
/// Rules over unknown data (<see cref="NewParticipantRule"/> and <see cref="AccountAgeRule"/> without a sign-up
/// instant) are neither true nor false (three-valued, Kleene logic): a not over them fails too, with their own
/// failure (<see cref="EligibilityCodes.SignUpUnknown"/>), so "not an old account" never admits a participant whose
/// age is unknown.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class NotRule : EligibilityRule
{
    /// <summary>Initializes a not rule.</summary>
    /// <param name="rule">The excluded condition.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    public NotRule(EligibilityRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.Not;

    /// <summary>Gets the excluded condition.</summary>
    public EligibilityRule Rule { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is NotRule not && Rule.Equals(not.Rule);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.Not, Rule);

    /// <summary>Compiles the rule; a double negation <c>not(not(x))</c> compiles to <c>x</c> itself (at the path <c>rule.rule</c>).</summary>
    internal override RuleNode CreateNode(string path)
    {
        var inner = RuleNode.ChildPath(path, "rule");
        return Rule is NotRule not
            ? not.Rule.CreateNode(RuleNode.ChildPath(inner, "rule"))
            : new Node(this, path, Rule.CreateNode(inner));
    }

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Rule = Rule.ToDefinition() };

    private sealed class Node(NotRule rule, string path, RuleNode inner) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => inner.IsFalse(claim);

        public override bool IsFalse(Claim claim) => inner.Test(claim);

        public override Expression ToExpression(ParameterExpression claim) => inner.ToFalseExpression(claim);

        public override Expression ToFalseExpression(ParameterExpression claim) => inner.ToExpression(claim);

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            if (!inner.Test(claim))
            {
                // Neither true nor false: the excluded rule depends on unknown data; say which.
                inner.AddUnknownFailures(claim, failures);
                return;
            }

            var causes = new List<EligibilityFailure>();
            inner.AddMatchCauses(claim, causes);
            failures.Add(Failure(EligibilityCodes.NotExcluded, "Excluded: " + inner.DescribeMatch(claim) + ".", causes.Count == 0 ? null : causes.AsReadOnly()));
        }

        public override void AddMatchCauses(Claim claim, List<EligibilityFailure> causes) => inner.AddFailures(claim, causes);

        public override string DescribeMatch(Claim claim)
        {
            var reasons = new List<EligibilityFailure>();
            inner.AddFailures(claim, reasons);
            return "not (" + string.Join("; ", reasons.Select(r => r.Message.TrimEnd('.'))) + ")";
        }
    }
}
