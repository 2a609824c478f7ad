using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq.Expressions;
using Incentives.Claims;

namespace Incentives.Eligibility;

/// <summary>A non-empty set of names compared ordinally, kept in the order first given (for round-trips and messages).</summary>
/// <remarks>
/// Membership of a small set (up to <see cref="LinearScanLimit"/> values, the usual case: three apps, three categories)
/// is a linear scan of ordinal comparisons, which is what a hand-written <c>is "a" or "b" or "c"</c> costs; a larger
/// set uses its <see cref="FrozenSet{T}"/>, whose lookup hashes the whole string first.
/// </remarks>
internal sealed class ValueSet : IEquatable<ValueSet>
{
    /// <summary>The largest set that is scanned linearly.</summary>
    public const int LinearScanLimit = 8;

    private readonly string[]? small;

    public ValueSet(IEnumerable<string> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("Every value must be a non-empty name.", paramName);
            }

            if (seen.Add(value))
            {
                list.Add(value);
            }
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("At least one value is required.", paramName);
        }

        Items = list.ToArray();
        View = Array.AsReadOnly(Items);
        Set = list.ToFrozenSet(StringComparer.Ordinal);
        small = Items.Length <= LinearScanLimit ? Items : null;
        Display = "{" + string.Join(", ", Items) + "}";
    }

    public string[] Items { get; }

    public ReadOnlyCollection<string> View { get; }

    public FrozenSet<string> Set { get; }

    /// <summary>Gets the set for messages: <c>{marketplace, payments, travel}</c>.</summary>
    public string Display { get; }

    public bool Contains(string value)
    {
        if (small is null)
        {
            return Set.Contains(value);
        }

        foreach (var item in small)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns "<paramref name="value"/> is in the set" as an expression: for a small set, <c>v == "a" || v == "b"</c> with
    /// the strings embedded as literals (what a hand-written <c>is "a" or "b"</c> does); otherwise a call to <see cref="Contains"/>.
    /// A <see langword="null"/> value is not in the set.
    /// </summary>
    public Expression ContainsExpression(Expression value)
    {
        if (small is null)
        {
            return Expression.AndAlso(
                Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(Expression.Constant(this), typeof(ValueSet).GetMethod(nameof(Contains))!, value));
        }

        var variable = Expression.Variable(typeof(string), "value");
        var equals = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!;
        Expression? any = null;
        foreach (var item in small)
        {
            Expression test = Expression.Call(equals, variable, Expression.Constant(item));
            any = any is null ? test : Expression.OrElse(any, test);
        }

        return Expression.Block(typeof(bool), [variable], Expression.Assign(variable, value), any!);
    }

    /// <summary>Returns "the participant is in one of the segments" as an expression: one hash lookup per value for a small set.</summary>
    public Expression ParticipantInAnyExpression(ParameterExpression claim)
    {
        var participant = Expression.Property(claim, nameof(Claim.Participant));
        if (small is null)
        {
            return Expression.NotEqual(
                Expression.Call(participant, typeof(Participant).GetMethod(nameof(Participant.FirstSegmentIn), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!,
                    Expression.Constant(Set), Expression.Constant(Items)),
                Expression.Constant(null, typeof(string)));
        }

        var variable = Expression.Variable(typeof(Participant), "participant");
        var inSegment = typeof(Participant).GetMethod(nameof(Participant.InSegment), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        Expression? any = null;
        foreach (var item in small)
        {
            Expression test = Expression.Call(variable, inSegment, Expression.Constant(item));
            any = any is null ? test : Expression.OrElse(any, test);
        }

        return Expression.Block(typeof(bool), [variable], Expression.Assign(variable, participant), any!);
    }

    public bool Equals(ValueSet? other) => other is not null && Set.SetEquals(other.Items);

    public override bool Equals(object? obj) => Equals(obj as ValueSet);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var item in Items)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(item);
        }

        return hash;
    }
}
