using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>Holds when its <see cref="Rule"/> does not. JSON: <c>{"type":"not","rule":{...}}</c>.</summary>
/// <remarks>
/// When the excluded rule holds, the explanation is one failure with code <see cref="EligibilityCodes.NotExcluded"/>
/// whose message says what the excluded rule matched, for example
/// <c>Excluded: participant 'u-1' is in segment 'blocked'.</c>
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

    internal override RuleNode CreateNode(string path) => new Node(this, path, Rule.CreateNode(RuleNode.ChildPath(path, "rule")));

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Rule = Rule.ToDefinition() };

    private sealed class Node(NotRule rule, string path, RuleNode inner) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => !inner.Test(claim);

        public override Expression ToExpression(ParameterExpression claim) => Expression.Not(inner.ToExpression(claim));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures) =>
            failures.Add(Failure(EligibilityCodes.NotExcluded, "Excluded: " + inner.DescribeMatch(claim) + "."));

        public override string DescribeMatch(Claim claim)
        {
            var reasons = new List<EligibilityFailure>();
            inner.AddFailures(claim, reasons);
            return "not (" + string.Join("; ", reasons.Select(r => r.Message.TrimEnd('.'))) + ")";
        }
    }
}
