using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>
/// Holds when at least one of its <see cref="Rules"/> holds. JSON: <c>{"type":"anyOf","rules":[...]}</c>.
/// </summary>
/// <remarks>
/// When no alternative holds, the explanation is one failure with code <see cref="EligibilityCodes.AnyOfNoneMatched"/>
/// whose <see cref="EligibilityFailure.Causes"/> say why each alternative failed. Compilation flattens nested
/// any-ofs; alternatives are tested in the order written and the first match wins.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class AnyOfRule : EligibilityRule
{
    /// <summary>Initializes an any-of rule.</summary>
    /// <param name="rules">The alternatives, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty.</exception>
    public AnyOfRule(IEnumerable<EligibilityRule> rules) => Rules = CompositeRules.Copy(rules, nameof(rules));

    /// <inheritdoc />
    public override string Type => RuleTypes.AnyOf;

    /// <summary>Gets the alternatives, in the order written.</summary>
    public ReadOnlyCollection<EligibilityRule> Rules { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is AnyOfRule any && Rules.SequenceEqual(any.Rules);

    /// <inheritdoc />
    public override int GetHashCode() => CompositeRules.Hash(RuleTypes.AnyOf, Rules);

    internal override RuleNode CreateNode(string path) => new Node(this, path, CompositeRules.Flatten<Node>(Rules, path, n => n.Children));

    internal override RuleDefinition ToDefinition() => CompositeRules.ToDefinition(Type, Rules);

    private sealed class Node(AnyOfRule rule, string path, RuleNode[] children) : RuleNode(rule, path)
    {
        public RuleNode[] Children { get; } = children;

        public override bool Test(Claim claim)
        {
            foreach (var child in Children)
            {
                if (child.Test(claim))
                {
                    return true;
                }
            }

            return false;
        }

        public override bool IsFalse(Claim claim)
        {
            foreach (var child in Children)
            {
                if (!child.IsFalse(claim))
                {
                    return false;
                }
            }

            return true;
        }

        public override Expression ToExpression(ParameterExpression claim) =>
            Children.Select(c => c.ToExpression(claim)).Aggregate(Expression.OrElse);

        public override Expression ToFalseExpression(ParameterExpression claim) =>
            Children.Select(c => c.ToFalseExpression(claim)).Aggregate(Expression.AndAlso);

        public override bool TryExplain(Claim claim, List<EligibilityFailure> failures)
        {
            var causes = new List<EligibilityFailure>(Children.Length);
            foreach (var child in Children)
            {
                if (child.TryExplain(claim, causes))
                {
                    return true;
                }
            }

            failures.Add(NoneMatched(causes));
            return false;
        }

        public override void AddUnknownFailures(Claim claim, List<EligibilityFailure> failures) =>
            AddUnknownFailures(Children, claim, failures);

        public override void AddMatchCauses(Claim claim, List<EligibilityFailure> causes) =>
            Children.First(c => c.Test(claim)).AddMatchCauses(claim, causes);

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var causes = new List<EligibilityFailure>(Children.Length);
            foreach (var child in Children)
            {
                child.AddFailures(claim, causes);
            }

            failures.Add(NoneMatched(causes));
        }

        private EligibilityFailure NoneMatched(List<EligibilityFailure> causes) =>
            Failure(
                EligibilityCodes.AnyOfNoneMatched,
                string.Create(CultureInfo.InvariantCulture, $"None of the {Children.Length} alternatives matched."),
                causes.AsReadOnly());

        public override string DescribeMatch(Claim claim) => Children.First(c => c.Test(claim)).DescribeMatch(claim);
    }
}
