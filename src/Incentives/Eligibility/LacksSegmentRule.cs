using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>Holds when the participant is in none of the segments (<see cref="Participant.Segments"/>): a block list. JSON: <c>{"type":"lacksSegment","segments":["blocked"]}</c>.</summary>
/// <remarks>Failure code: <see cref="EligibilityCodes.SegmentBlocked"/>. Segments are compared ordinally. <c>lacksSegment</c> holds exactly when <c>not(hasSegment)</c> with the same segments holds; it explains itself with a more direct code.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class LacksSegmentRule : EligibilityRule
{
    private readonly ValueSet values;

    /// <summary>Initializes the rule.</summary>
    /// <param name="segments">The blocked segments, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="segments"/> is empty or contains a blank name.</exception>
    public LacksSegmentRule(IEnumerable<string> segments) => values = new ValueSet(segments, nameof(segments));

    /// <inheritdoc />
    public override string Type => RuleTypes.LacksSegment;

    /// <summary>Gets the segments, distinct, in the order first given.</summary>
    public ReadOnlyCollection<string> Segments => values.View;

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => other is LacksSegmentRule same && values.Equals(same.values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.LacksSegment, values);

    internal override RuleNode CreateNode(string path) => new Node(this, path, values);

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Segments = [.. values.Items] };

    private sealed class Node(LacksSegmentRule rule, string path, ValueSet values) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => claim.Participant.FirstSegmentIn(values.Set, values.Items) is null;

        public override Expression ToExpression(ParameterExpression claim) =>
            Expression.Not(values.ParticipantInAnyExpression(claim));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures) =>
            failures.Add(Failure(
                EligibilityCodes.SegmentBlocked,
                $"Participant '{claim.Participant.Id}' is in the blocked segment '{claim.Participant.FirstSegmentIn(values.Set, values.Items)}' (blocked: {values.Display})."));

        public override string DescribeMatch(Claim claim) =>
            $"participant '{claim.Participant.Id}' is in none of the segments {values.Display}";
    }
}
