using Incentives.Serialization;
using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;

namespace Incentives.Eligibility;

/// <summary>
/// Holds when the claim's order amount is at least a minimum: in the minimum's currency, or converted into it by a
/// supplied <see cref="CurrencyConversion"/>.
/// JSON: <c>{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"}}</c>, plus <c>"convert":true</c>
/// to use the conversion given at load time (<see cref="EligibilityRuleLoadOptions.Conversion"/>).
/// </summary>
/// <remarks>
/// Failure codes: <see cref="EligibilityCodes.OrderAmountMissing"/> when the claim has no order,
/// <see cref="EligibilityCodes.OrderCurrencyMismatch"/> when the order is in another currency and cannot be converted,
/// <see cref="EligibilityCodes.OrderBelowMinimum"/>. The comparison is exact, in minor units. An explanation calls the
/// conversion once per evaluation of the rule and builds its failure from that call, so the converted amount it shows is
/// the one that decided.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe, provided the conversion is.</threadsafety>
public sealed class MinOrderAmountRule : EligibilityRule
{
    /// <summary>Initializes a minimum-order rule.</summary>
    /// <param name="minimum">The minimum, not negative.</param>
    /// <param name="conversion">How to convert an order in another currency, or <see langword="null"/> to require the same currency.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative.</exception>
    public MinOrderAmountRule(Money minimum, CurrencyConversion? conversion = null)
    {
        if (minimum.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum order amount must not be negative.");
        }

        Minimum = minimum;
        Conversion = conversion;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.MinOrderAmount;

    /// <summary>Gets the minimum order amount (inclusive).</summary>
    public Money Minimum { get; }

    /// <summary>Gets the conversion for orders in other currencies, or <see langword="null"/> when the currency must match.</summary>
    public CurrencyConversion? Conversion { get; }

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) =>
        other is MinOrderAmountRule same && Minimum == same.Minimum && Equals(Conversion, same.Conversion);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.MinOrderAmount, Minimum, Conversion is null);

    internal override RuleNode CreateNode(string path) => new Node(this, path);

    internal override RuleDefinition ToDefinition() => new()
    {
        Type = Type,
        Minimum = new MoneyDefinition { Amount = Minimum.FormatInvariantAmount(), Currency = Minimum.Currency.Code },
        Convert = Conversion is null ? null : true,
    };

    private sealed class Node(MinOrderAmountRule rule, string path) : RuleNode(rule, path)
    {
        private readonly long minimum = rule.Minimum.MinorUnits;
        private readonly Currency currency = rule.Minimum.Currency;
        private readonly CurrencyConversion? conversion = rule.Conversion;

        private enum Outcome
        {
            AtLeast,
            Missing,
            Below,
            ConvertedBelow,
            NotConvertible,
        }

        public override bool Test(Claim claim) => Evaluate(claim, out _) == Outcome.AtLeast;

        public override Expression ToExpression(ParameterExpression claim) =>
            conversion is not null
                ? base.ToExpression(claim)
                : Expression.Call(
                    typeof(Node).GetMethod(nameof(SameCurrencyAtLeast), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!,
                    Expression.Property(claim, nameof(Claim.OrderAmount)),
                    Expression.Constant(minimum),
                    Expression.Constant(currency));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            if (TryExplain(claim, failures))
            {
                // Only a conversion that changes its answer between calls gets here (a not's second look).
                failures.Add(Failure(
                    EligibilityCodes.OrderCurrencyMismatch,
                    $"The order amount {Format(claim.OrderAmount.GetValueOrDefault())} now converts to at least the minimum {Format(rule.Minimum)}, but did not a moment earlier in the same evaluation: the conversion is not deterministic."));
            }
        }

        /// <summary>Converts at most once, and explains from that same conversion, so the explanation cannot contradict the decision.</summary>
        public override bool TryExplain(Claim claim, List<EligibilityFailure> failures)
        {
            var outcome = Evaluate(claim, out var converted);
            if (outcome == Outcome.AtLeast)
            {
                return true;
            }

            var min = Format(rule.Minimum);
            var amount = claim.OrderAmount.GetValueOrDefault();
            failures.Add(outcome switch
            {
                Outcome.Missing => Failure(EligibilityCodes.OrderAmountMissing, $"The claim has no order amount; the minimum is {min}."),
                Outcome.Below => Failure(EligibilityCodes.OrderBelowMinimum, $"The order amount {Format(amount)} is below the minimum {min}."),
                Outcome.ConvertedBelow => Failure(
                    EligibilityCodes.OrderBelowMinimum,
                    $"The order amount {Format(amount)} ({Format(converted)} converted) is below the minimum {min}."),
                _ => Failure(
                    EligibilityCodes.OrderCurrencyMismatch,
                    $"The order amount {Format(amount)} is not in {currency.Code} and cannot be converted to compare it with the minimum {min}."),
            });
            return false;
        }

        public override string DescribeMatch(Claim claim) =>
            $"the order amount {Format(claim.OrderAmount.GetValueOrDefault())} is at least {Format(rule.Minimum)}";

        /// <summary>The one evaluation of the rule: calls the conversion at most once.</summary>
        private Outcome Evaluate(Claim claim, out Money converted)
        {
            converted = default;
            if (claim.OrderAmount is not { } amount)
            {
                return Outcome.Missing;
            }

            if (amount.Currency == currency)
            {
                return amount.MinorUnits >= minimum ? Outcome.AtLeast : Outcome.Below;
            }

            if (conversion is null || !conversion(amount, currency, out converted) || converted.Currency != currency)
            {
                return Outcome.NotConvertible;
            }

            return converted.MinorUnits >= minimum ? Outcome.AtLeast : Outcome.ConvertedBelow;
        }

        private static bool SameCurrencyAtLeast(Money? amount, long minimum, Currency currency) =>
            amount is { } value && value.Currency == currency && value.MinorUnits >= minimum;

        private static string Format(Money money) => money.ToString();
    }
}
