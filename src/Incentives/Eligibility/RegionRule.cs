using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>Holds when the participant's region (<see cref="Participant.Region"/>) is in a set. JSON: <c>{"type":"region","regions":["CN","HK"]}</c>.</summary>
/// <remarks>Failure codes: <see cref="EligibilityCodes.RegionMissing"/> when the participant's region is unknown, <see cref="EligibilityCodes.RegionNotAllowed"/>. Regions are compared ordinally (case-sensitive): use one spelling, such as upper-case ISO 3166 codes.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class RegionRule : EligibilityRule
{
    private readonly ValueSet values;

    /// <summary>Initializes the rule.</summary>
    /// <param name="regions">The allowed regions, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="regions"/> is empty or contains a blank name.</exception>
    public RegionRule(IEnumerable<string> regions) => values = new ValueSet(regions, nameof(regions));

    /// <inheritdoc />
    public override string Type => RuleTypes.Region;

    /// <summary>Gets the regions, distinct, in the order first given.</summary>
    public ReadOnlyCollection<string> Regions => values.View;

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is RegionRule same && values.Equals(same.values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.Region, values);

    internal override RuleNode CreateNode(string path) => new Node(this, path, values);

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Regions = [.. values.Items] };

    private sealed class Node(RegionRule rule, string path, ValueSet values) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => claim.Participant.Region is { } region && values.Contains(region);

        public override Expression ToExpression(ParameterExpression claim) =>
            values.ContainsExpression(Expression.Property(Expression.Property(claim, nameof(Claim.Participant)), nameof(Participant.Region)));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures) =>
            failures.Add(claim.Participant.Region is null
                ? Failure(EligibilityCodes.RegionMissing, $"Participant '{claim.Participant.Id}' has no region; allowed: {values.Display}.")
                : Failure(EligibilityCodes.RegionNotAllowed, $"Region '{claim.Participant.Region}' is not one of {values.Display}."));

        public override string DescribeMatch(Claim claim) => $"region '{claim.Participant.Region}' is one of {values.Display}";
    }
}
