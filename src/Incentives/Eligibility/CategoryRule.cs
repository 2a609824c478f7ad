using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>Holds when the claim's category (<see cref="Claim.Category"/>) is in a set. JSON: <c>{"type":"category","categories":["food","entertainment","leisure"]}</c>.</summary>
/// <remarks>Failure codes: <see cref="EligibilityCodes.CategoryMissing"/> when the claim has no category, <see cref="EligibilityCodes.CategoryNotAllowed"/>. Categories are compared ordinally.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class CategoryRule : EligibilityRule
{
    private readonly ValueSet values;

    /// <summary>Initializes the rule.</summary>
    /// <param name="categories">The allowed categories, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="categories"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="categories"/> is empty or contains a blank name.</exception>
    public CategoryRule(IEnumerable<string> categories) => values = new ValueSet(categories, nameof(categories));

    /// <inheritdoc />
    public override string Type => RuleTypes.Category;

    /// <summary>Gets the categories, distinct, in the order first given.</summary>
    public ReadOnlyCollection<string> Categories => values.View;

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is CategoryRule same && values.Equals(same.values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.Category, values);

    internal override RuleNode CreateNode(string path) => new Node(this, path, values);

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Categories = [.. values.Items] };

    private sealed class Node(CategoryRule rule, string path, ValueSet values) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => claim.Category is { } category && values.Contains(category);

        public override Expression ToExpression(ParameterExpression claim) =>
            values.ContainsExpression(Expression.Property(claim, nameof(Claim.Category)));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures) =>
            failures.Add(claim.Category is null
                ? Failure(EligibilityCodes.CategoryMissing, $"The claim has no category; allowed: {values.Display}.")
                : Failure(EligibilityCodes.CategoryNotAllowed, $"Category '{claim.Category}' is not one of {values.Display}."));

        public override string DescribeMatch(Claim claim) => $"category '{claim.Category}' is one of {values.Display}";
    }
}
