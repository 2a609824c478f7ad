using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Incentives.Eligibility;

/// <summary>A non-empty set of names compared ordinally, kept in the order first given (for round-trips and messages).</summary>
internal sealed class ValueSet : IEquatable<ValueSet>
{
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
        Display = "{" + string.Join(", ", Items) + "}";
    }

    public string[] Items { get; }

    public ReadOnlyCollection<string> View { get; }

    public FrozenSet<string> Set { get; }

    /// <summary>Gets the set for messages: <c>{marketplace, payments, travel}</c>.</summary>
    public string Display { get; }

    public bool Contains(string? value) => value is not null && Set.Contains(value);

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
