using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>
/// Compares one of the claim's extension <see cref="Claim.Attributes"/> with a value.
/// JSON: <c>{"type":"attribute","key":"tier","op":"equals","value":"gold"}</c>,
/// <c>{"type":"attribute","key":"tier","op":"in","values":["gold","platinum"]}</c>,
/// <c>{"type":"attribute","key":"kyc","op":"exists"}</c>,
/// <c>{"type":"attribute","key":"orderCount","op":"lessThan","value":"3"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Keys and values compare ordinally. The numeric comparisons read the attribute as an invariant decimal number
/// (optional leading sign, optional decimal point, no grouping or exponent) on every evaluation, without allocating.
/// </para>
/// <para>
/// Failure codes: <see cref="EligibilityCodes.AttributeMissing"/> when the attribute is absent (every operator but
/// <see cref="AttributeOperator.NotEqual"/>, which holds for an absent attribute),
/// <see cref="EligibilityCodes.AttributeNotANumber"/> when a numeric comparison meets a value that is not a number,
/// <see cref="EligibilityCodes.AttributeMismatch"/> otherwise.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class AttributeRule : EligibilityRule
{
    internal const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private readonly ValueSet? values;

    private AttributeRule(string key, AttributeOperator op, string? value, ValueSet? values, decimal number)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Operator = op;
        Value = value;
        this.values = values;
        Number = number;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.Attribute;

    /// <summary>Gets the attribute key.</summary>
    public string Key { get; }

    /// <summary>Gets the comparison.</summary>
    public AttributeOperator Operator { get; }

    /// <summary>Gets the compared value for <see cref="AttributeOperator.Equal"/> and <see cref="AttributeOperator.NotEqual"/>, the number's invariant text for the numeric comparisons, otherwise <see langword="null"/>.</summary>
    public string? Value { get; }

    /// <summary>Gets the values for <see cref="AttributeOperator.In"/>, otherwise <see langword="null"/>.</summary>
    public ReadOnlyCollection<string>? Values => values?.View;

    /// <summary>Gets the number for the numeric comparisons, otherwise zero.</summary>
    public decimal Number { get; }

    /// <summary>Creates a rule that holds when the attribute is present and equal to <paramref name="value"/>.</summary>
    /// <param name="key">The attribute key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or white space.</exception>
    public static AttributeRule Equal(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AttributeRule(key, AttributeOperator.Equal, value, null, 0m);
    }

    /// <summary>Creates a rule that holds when the attribute is absent or differs from <paramref name="value"/>.</summary>
    /// <param name="key">The attribute key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or white space.</exception>
    public static AttributeRule NotEqual(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AttributeRule(key, AttributeOperator.NotEqual, value, null, 0m);
    }

    /// <summary>Creates a rule that holds when the attribute is present and one of <paramref name="values"/>.</summary>
    /// <param name="key">The attribute key.</param>
    /// <param name="values">The values, at least one.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or white space, or <paramref name="values"/> is empty or contains a blank value.</exception>
    public static AttributeRule In(string key, params IEnumerable<string> values) =>
        new(key, AttributeOperator.In, null, new ValueSet(values, nameof(values)), 0m);

    /// <summary>Creates a rule that holds when the attribute is present.</summary>
    /// <param name="key">The attribute key.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or white space.</exception>
    public static AttributeRule Exists(string key) => new(key, AttributeOperator.Exists, null, null, 0m);

    /// <summary>Creates a rule that reads the attribute as a decimal number and compares it with <paramref name="number"/>.</summary>
    /// <param name="key">The attribute key.</param>
    /// <param name="op">One of the numeric comparisons (<see cref="AttributeOperator.GreaterThan"/> and the like).</param>
    /// <param name="number">The number to compare with.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="op"/> is not a numeric comparison.</exception>
    public static AttributeRule Compare(string key, AttributeOperator op, decimal number)
    {
        if (!IsNumeric(op))
        {
            throw new ArgumentOutOfRangeException(nameof(op), op, "Use GreaterThan, GreaterThanOrEqual, LessThan or LessThanOrEqual.");
        }

        return new AttributeRule(key, op, number.ToString(CultureInfo.InvariantCulture), null, number);
    }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) =>
        other is AttributeRule same && Key == same.Key && Operator == same.Operator &&
        (IsNumeric(Operator) ? Number == same.Number : Value == same.Value) && Equals(values, same.values);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(RuleTypes.Attribute, Key, Operator, IsNumeric(Operator) ? Number : 0m, IsNumeric(Operator) ? null : Value, values);

    internal static bool IsNumeric(AttributeOperator op) =>
        op is AttributeOperator.GreaterThan or AttributeOperator.GreaterThanOrEqual or AttributeOperator.LessThan or AttributeOperator.LessThanOrEqual;

    internal static string JsonName(AttributeOperator op) => op switch
    {
        AttributeOperator.Equal => "equals",
        AttributeOperator.NotEqual => "notEquals",
        AttributeOperator.In => "in",
        AttributeOperator.Exists => "exists",
        AttributeOperator.GreaterThan => "greaterThan",
        AttributeOperator.GreaterThanOrEqual => "greaterThanOrEqual",
        AttributeOperator.LessThan => "lessThan",
        _ => "lessThanOrEqual",
    };

    internal static bool TryParseOperator(string? name, out AttributeOperator op)
    {
        foreach (var candidate in Enum.GetValues<AttributeOperator>())
        {
            if (JsonName(candidate) == name)
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }

    internal override RuleNode CreateNode(string path) => new Node(this, path);

    internal override RuleDefinition ToDefinition() => new()
    {
        Type = Type,
        Key = Key,
        Op = JsonName(Operator),
        Value = Value,
        Values = values is null ? null : [.. values.Items],
    };

    private sealed class Node(AttributeRule rule, string path) : RuleNode(rule, path)
    {
        private readonly string key = rule.Key;
        private readonly AttributeOperator op = rule.Operator;
        private readonly string? value = rule.Value;
        private readonly ValueSet? values = rule.values;
        private readonly decimal number = rule.Number;

        public override bool Test(Claim claim)
        {
            var present = claim.TryGetAttribute(key, out var actual);
            switch (op)
            {
                case AttributeOperator.Exists:
                    return present;
                case AttributeOperator.Equal:
                    return present && string.Equals(actual, value, StringComparison.Ordinal);
                case AttributeOperator.NotEqual:
                    return !present || !string.Equals(actual, value, StringComparison.Ordinal);
                case AttributeOperator.In:
                    return present && values!.Contains(actual!);
                default:
                    return present && decimal.TryParse(actual, NumberStyle, CultureInfo.InvariantCulture, out var parsed) && Compare(parsed);
            }
        }

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var expectation = Expectation();
            if (!claim.TryGetAttribute(key, out var actual))
            {
                failures.Add(Failure(EligibilityCodes.AttributeMissing, $"The claim has no attribute '{key}'; expected it to {expectation}."));
            }
            else if (IsNumeric(op) && !decimal.TryParse(actual, NumberStyle, CultureInfo.InvariantCulture, out _))
            {
                failures.Add(Failure(EligibilityCodes.AttributeNotANumber, $"Attribute '{key}' is '{actual}', not a number; expected it to {expectation}."));
            }
            else
            {
                failures.Add(Failure(EligibilityCodes.AttributeMismatch, $"Attribute '{key}' is '{actual}'; expected it to {expectation}."));
            }
        }

        public override string DescribeMatch(Claim claim) =>
            claim.TryGetAttribute(key, out var actual)
                ? $"attribute '{key}' is '{actual}' (expected to {Expectation()})"
                : $"the claim has no attribute '{key}' (expected to {Expectation()})";

        private bool Compare(decimal parsed) => op switch
        {
            AttributeOperator.GreaterThan => parsed > number,
            AttributeOperator.GreaterThanOrEqual => parsed >= number,
            AttributeOperator.LessThan => parsed < number,
            _ => parsed <= number,
        };

        private string Expectation() => op switch
        {
            AttributeOperator.Exists => "exist",
            AttributeOperator.Equal => $"equal '{value}'",
            AttributeOperator.NotEqual => $"differ from '{value}'",
            AttributeOperator.In => $"be one of {values!.Display}",
            AttributeOperator.GreaterThan => $"be greater than {value}",
            AttributeOperator.GreaterThanOrEqual => $"be at least {value}",
            AttributeOperator.LessThan => $"be less than {value}",
            _ => $"be at most {value}",
        };
    }
}
