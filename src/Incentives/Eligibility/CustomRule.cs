using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>
/// A condition written in C# for what the built-in rules cannot say: a named predicate with the code and message
/// it reports when it does not hold. JSON: <c>{"type":"custom","name":"notFlaggedByRisk"}</c>, resolved by name from
/// the <see cref="CustomRuleRegistry"/> supplied at load time.
/// </summary>
/// <remarks>
/// The predicate runs on the hot path: it must be pure (no clock, no I/O, the same answer for the same claim),
/// thread-safe, and should not allocate. Equality is by reference: a rule loaded from JSON is the very instance
/// registered under its name.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe, provided the predicate is.</threadsafety>
public sealed class CustomRule : EligibilityRule
{
    /// <summary>Initializes a custom rule.</summary>
    /// <param name="name">The name under which JSON refers to the rule, for example <c>"notFlaggedByRisk"</c>.</param>
    /// <param name="code">The machine-readable code reported when the predicate is false, for example <c>"risk.flagged"</c>.</param>
    /// <param name="message">The human message reported when the predicate is false.</param>
    /// <param name="predicate">The condition.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/>, <paramref name="code"/> or <paramref name="message"/> is empty or white space.</exception>
    public CustomRule(string name, string code, string message, Func<Claim, bool> predicate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        ArgumentNullException.ThrowIfNull(predicate);
        Name = name;
        Code = code;
        Message = message;
        Predicate = predicate;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.Custom;

    /// <summary>Gets the name under which JSON refers to the rule.</summary>
    public string Name { get; }

    /// <summary>Gets the code reported when the predicate is false.</summary>
    public string Code { get; }

    /// <summary>Gets the message reported when the predicate is false.</summary>
    public string Message { get; }

    /// <summary>Gets the condition.</summary>
    public Func<Claim, bool> Predicate { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    internal override RuleNode CreateNode(string path) => new Node(this, path);

    internal override RuleDefinition ToDefinition() => new() { Type = Type, Name = Name };

    private sealed class Node(CustomRule rule, string path) : RuleNode(rule, path)
    {
        private readonly Func<Claim, bool> predicate = rule.Predicate;

        public override bool Test(Claim claim) => predicate(claim);

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures) => failures.Add(Failure(rule.Code, rule.Message));

        public override string DescribeMatch(Claim claim) => $"custom rule '{rule.Name}' holds";
    }
}
