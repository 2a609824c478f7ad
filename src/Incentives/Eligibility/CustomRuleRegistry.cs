using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Incentives.Eligibility;

/// <summary>The custom rules that JSON may refer to by name (<c>{"type":"custom","name":"..."}</c>), supplied at load time.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class CustomRuleRegistry
{
    private readonly FrozenDictionary<string, CustomRule> rules;

    /// <summary>Initializes a registry.</summary>
    /// <param name="rules">The custom rules; names must be distinct (ordinal).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two rules have the same name.</exception>
    public CustomRuleRegistry(params IEnumerable<CustomRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var byName = new Dictionary<string, CustomRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            if (!byName.TryAdd(rule.Name, rule))
            {
                throw new ArgumentException($"Two custom rules are named '{rule.Name}'.", nameof(rules));
            }
        }

        this.rules = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets an empty registry.</summary>
    public static CustomRuleRegistry Empty { get; } = new();

    /// <summary>Gets the registered names.</summary>
    public IReadOnlyCollection<string> Names => rules.Keys;

    /// <summary>Finds a rule by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="rule">The rule, when found.</param>
    /// <returns><see langword="true"/> when a rule is registered under <paramref name="name"/>.</returns>
    public bool TryGet(string? name, [NotNullWhen(true)] out CustomRule? rule)
    {
        rule = null;
        return name is not null && rules.TryGetValue(name, out rule);
    }
}
