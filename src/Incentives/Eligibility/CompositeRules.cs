using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>What <see cref="AllOfRule"/> and <see cref="AnyOfRule"/> share.</summary>
internal static class CompositeRules
{
    public static ReadOnlyCollection<EligibilityRule> Copy(IEnumerable<EligibilityRule> rules, string paramName)
    {
        ArgumentNullException.ThrowIfNull(rules, paramName);
        var copy = rules.ToArray();
        if (copy.Length == 0)
        {
            throw new ArgumentException("At least one rule is required.", paramName);
        }

        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentNullException(paramName, "A rule in the list is null.");
        }

        return Array.AsReadOnly(copy);
    }

    public static int Hash(string type, IEnumerable<EligibilityRule> rules)
    {
        var hash = new HashCode();
        hash.Add(type, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            hash.Add(rule);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compiles the children; children of the same combinator are spliced into the parent's list (with their own paths).</summary>
    public static RuleNode[] Flatten<TNode>(IReadOnlyList<EligibilityRule> rules, string path, Func<TNode, RuleNode[]> childrenOf)
        where TNode : RuleNode
    {
        var nodes = new List<RuleNode>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var node = rules[i].CreateNode(RuleNode.ChildPath(path, string.Create(CultureInfo.InvariantCulture, $"rules[{i}]")));
            if (node is TNode same)
            {
                nodes.AddRange(childrenOf(same));
            }
            else
            {
                nodes.Add(node);
            }
        }

        return nodes.ToArray();
    }

    public static RuleDefinition ToDefinition(string type, IEnumerable<EligibilityRule> rules) =>
        new() { Type = type, Rules = rules.Select(r => r.ToDefinition()).ToList() };
}
