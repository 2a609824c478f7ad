using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>Holds when the claim's channel (<see cref="Claim.Channel"/>) is in a set. JSON: <c>{"type":"channel","channels":["marketplace","payments","travel"]}</c>.</summary>
/// <remarks>Failure code: <see cref="EligibilityCodes.ChannelNotAllowed"/>. Channels are compared ordinally.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class ChannelRule : EligibilityRule
{
    private readonly ValueSet values;

    /// <summary>Initializes the rule.</summary>
    /// <param name="channels">The allowed channels, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="channels"/> is empty or contains a blank name.</exception>
    public ChannelRule(IEnumerable<string> channels) => values = new ValueSet(channels, nameof(channels));

    /// <inheritdoc />
    public override string Type => RuleTypes.Channel;

    /// <summary>Gets the channels, distinct, in the order first given.</summary>
    public ReadOnlyCollection<string> Channels => values.View;

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is ChannelRule same && values.Equals(same.values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.Channel, values);

    internal override RuleNode CreateNode(string path) => new Node(this, path, values);

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Channels = [.. values.Items] };

    private sealed class Node(ChannelRule rule, string path, ValueSet values) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => values.Contains(claim.Channel);

        public override Expression ToExpression(ParameterExpression claim) =>
            values.ContainsExpression(Expression.Property(claim, nameof(Claim.Channel)));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures) =>
            failures.Add(Failure(EligibilityCodes.ChannelNotAllowed, $"Channel '{claim.Channel}' is not one of {values.Display}."));

        public override string DescribeMatch(Claim claim) => $"channel '{claim.Channel}' is one of {values.Display}";
    }
}
