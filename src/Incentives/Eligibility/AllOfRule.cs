using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>
/// Holds when every one of its <see cref="Rules"/> holds. JSON: <c>{"type":"allOf","rules":[...]}</c>.
/// </summary>
/// <remarks>
/// An ineligible explanation lists the failures of every failing child (not only the first), flattened: an all-of
/// never adds a failure of its own. Compilation flattens nested all-ofs into one list; children are tested in the
/// order written, so put cheap, selective rules first.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class AllOfRule : EligibilityRule
{
    /// <summary>Initializes an all-of rule.</summary>
    /// <param name="rules">The conditions, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty.</exception>
    public AllOfRule(IEnumerable<EligibilityRule> rules) => Rules = CompositeRules.Copy(rules, nameof(rules));

    /// <inheritdoc />
    public override string Type => RuleTypes.AllOf;

    /// <summary>Gets the conditions, in the order written.</summary>
    public ReadOnlyCollection<EligibilityRule> Rules { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is AllOfRule all && Rules.SequenceEqual(all.Rules);

    /// <inheritdoc />
    public override int GetHashCode() => CompositeRules.Hash(RuleTypes.AllOf, Rules);

    internal override RuleNode CreateNode(string path) => new Node(this, path, CompositeRules.Flatten<Node>(Rules, path, n => n.Children));

    internal override RuleDefinition ToDefinition() => CompositeRules.ToDefinition(Type, Rules);

    private sealed class Node(AllOfRule rule, string path, RuleNode[] children) : RuleNode(rule, path)
    {
        public RuleNode[] Children { get; } = children;

        public override bool Test(Claim claim)
        {
            foreach (var child in Children)
            {
                if (!child.Test(claim))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool IsFalse(Claim claim)
        {
            foreach (var child in Children)
            {
                if (child.IsFalse(claim))
                {
                    return true;
                }
            }

            return false;
        }

        public override Expression ToExpression(ParameterExpression claim) =>
            Children.Select(c => c.ToExpression(claim)).Aggregate(Expression.AndAlso);

        public override Expression ToFalseExpression(ParameterExpression claim) =>
            Children.Select(c => c.ToFalseExpression(claim)).Aggregate(Expression.OrElse);

        public override bool TryExplain(Claim claim, List<EligibilityFailure> failures)
        {
            var holds = true;
            foreach (var child in Children)
            {
                holds &= child.TryExplain(claim, failures);
            }

            return holds;
        }

        public override void AddUnknownFailures(Claim claim, List<EligibilityFailure> failures) =>
            AddUnknownFailures(Children, claim, failures);

        public override void AddMatchCauses(Claim claim, List<EligibilityFailure> causes)
        {
            foreach (var child in Children)
            {
                child.AddMatchCauses(claim, causes);
            }
        }

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            foreach (var child in Children)
            {
                if (!child.Test(claim))
                {
                    child.AddFailures(claim, failures);
                }
            }
        }

        public override string DescribeMatch(Claim claim) =>
            string.Join("; ", Children.Select(c => c.DescribeMatch(claim)));
    }
}
