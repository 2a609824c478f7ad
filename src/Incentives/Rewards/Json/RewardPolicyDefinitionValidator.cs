using System;
using System.Globalization;
using FluentValidation;

namespace Incentives.Rewards.Json;

/// <summary>
/// Checks a <see cref="RewardPolicyDefinition"/> and reports every problem at once, each with the path of the JSON
/// property at fault (<c>type</c>, <c>percent</c>, <c>tiers[1].minimumOrder</c>, …) and an error code.
/// </summary>
/// <remarks>
/// Error codes: <c>required</c>, <c>unknown_type</c>, <c>unknown_currency</c>, <c>unknown_rounding</c>,
/// <c>unknown_algorithm</c>, <c>not_positive</c>, <c>negative</c>, <c>out_of_range</c>, <c>currency_mismatch</c>,
/// <c>cap_below_floor</c>, <c>maximum_below_minimum</c>, <c>tiers_not_increasing</c>, <c>rewards_decreasing</c>,
/// <c>split_impossible</c>. A definition that passes compiles without an exception.
/// </remarks>
/// <threadsafety>Thread-safe once constructed.</threadsafety>
public sealed class RewardPolicyDefinitionValidator : AbstractValidator<RewardPolicyDefinition>
{
    /// <summary>Initializes the rules.</summary>
    public RewardPolicyDefinitionValidator()
    {
        RuleFor(d => d).Custom((definition, context) => new Checker(definition, context).Run());
    }

    private sealed class Checker(RewardPolicyDefinition definition, ValidationContext<RewardPolicyDefinition> context)
    {
        public void Run()
        {
            switch (definition.Type)
            {
                case null or "":
                    Fail("type", "required", $"Give the policy type: {RewardPolicyTypes.Fixed}, {RewardPolicyTypes.Percentage}, {RewardPolicyTypes.Tiered}, {RewardPolicyTypes.RandomRange} or {RewardPolicyTypes.RedEnvelope}.");
                    break;
                case RewardPolicyTypes.Fixed:
                    Positive("amount", definition.Amount);
                    break;
                case RewardPolicyTypes.Percentage:
                    CheckPercentage();
                    break;
                case RewardPolicyTypes.Tiered:
                    CheckTiers();
                    break;
                case RewardPolicyTypes.RandomRange:
                    CheckRange();
                    break;
                case RewardPolicyTypes.RedEnvelope:
                    CheckEnvelope();
                    break;
                default:
                    Fail("type", "unknown_type", $"'{definition.Type}' is not a reward type: use {RewardPolicyTypes.Fixed}, {RewardPolicyTypes.Percentage}, {RewardPolicyTypes.Tiered}, {RewardPolicyTypes.RandomRange} or {RewardPolicyTypes.RedEnvelope}.");
                    break;
            }
        }

        private void CheckPercentage()
        {
            Currency? currency = null;
            if (string.IsNullOrEmpty(definition.Currency))
            {
                Fail("currency", "required", "Give the currency of orders and rewards, e.g. \"CNY\".");
            }
            else if (!Currency.TryFromCode(definition.Currency, out currency))
            {
                Fail("currency", "unknown_currency", $"'{definition.Currency}' is not an ISO 4217 currency nor a defined custom unit.");
            }

            if (definition.Percent is not { } percent)
            {
                Fail("percent", "required", "Give the percentage of the order, e.g. 8 for 8%.");
            }
            else if (percent <= 0m || percent > 100m)
            {
                Fail("percent", "out_of_range", $"The percentage must be greater than 0 and at most 100, not {percent.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (!RewardPolicyNames.TryParseRounding(definition.Rounding, out _))
            {
                Fail("rounding", "unknown_rounding", $"'{definition.Rounding}' is not a rounding mode: use {RewardPolicyNames.RoundingNames}.");
            }

            var floorOk = NotNegative("floor", definition.Floor, optional: true) && SameCurrency("floor", definition.Floor, currency);
            var capOk = Positive("cap", definition.Cap, optional: true) && SameCurrency("cap", definition.Cap, currency);
            if (floorOk && capOk && definition.Floor is { } floor && definition.Cap is { } cap
                && floor.Currency == cap.Currency && cap.MinorUnits < floor.MinorUnits)
            {
                Fail("cap", "cap_below_floor", $"The cap {cap} is below the floor {floor}.");
            }
        }

        private void CheckTiers()
        {
            var tiers = definition.Tiers;
            if (tiers is null || tiers.Count == 0)
            {
                Fail("tiers", "required", "Give at least one tier: {\"minimumOrder\":…,\"reward\":…}.");
                return;
            }

            Currency? currency = null;
            Money? previousOrder = null;
            Money? previousReward = null;
            for (var i = 0; i < tiers.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"tiers[{i}]");
                if (tiers[i] is not { } tier)
                {
                    Fail(path, "required", "A tier cannot be null.");
                    continue;
                }

                currency ??= tier.MinimumOrder?.Currency;
                var orderOk = Positive(path + ".minimumOrder", tier.MinimumOrder) && SameCurrency(path + ".minimumOrder", tier.MinimumOrder, currency);
                var rewardOk = Positive(path + ".reward", tier.Reward) && SameCurrency(path + ".reward", tier.Reward, currency);
                if (orderOk && previousOrder is { } po && tier.MinimumOrder!.Value.MinorUnits <= po.MinorUnits)
                {
                    Fail(path + ".minimumOrder", "tiers_not_increasing", $"Tier {i} starts at {tier.MinimumOrder}, not above the previous tier's {po}: minimum orders must strictly increase.");
                }

                if (rewardOk && previousReward is { } pr && tier.Reward!.Value.MinorUnits < pr.MinorUnits)
                {
                    Fail(path + ".reward", "rewards_decreasing", $"Tier {i} gives {tier.Reward}, less than the previous tier's {pr}: a larger order must not get a smaller reward.");
                }

                previousOrder = orderOk ? tier.MinimumOrder : previousOrder;
                previousReward = rewardOk ? tier.Reward : previousReward;
            }
        }

        private void CheckRange()
        {
            var minOk = NotNegative("minimum", definition.Minimum);
            var maxOk = Positive("maximum", definition.Maximum) && SameCurrency("maximum", definition.Maximum, definition.Minimum?.Currency);
            if (minOk && maxOk && definition.Maximum!.Value.MinorUnits < definition.Minimum!.Value.MinorUnits)
            {
                Fail("maximum", "maximum_below_minimum", $"The maximum {definition.Maximum} is below the minimum {definition.Minimum}.");
            }
        }

        private void CheckEnvelope()
        {
            var totalOk = NotNegative("total", definition.Total);
            var currency = definition.Total?.Currency;
            var countOk = false;
            if (definition.Count is not { } count)
            {
                Fail("count", "required", "Give the number of envelopes.");
            }
            else if (count <= 0)
            {
                Fail("count", "not_positive", $"The number of envelopes must be at least 1, not {count.ToString(CultureInfo.InvariantCulture)}.");
            }
            else
            {
                countOk = true;
            }

            var minOk = NotNegative("minimum", definition.Minimum) && SameCurrency("minimum", definition.Minimum, currency);
            var maxOk = NotNegative("maximum", definition.Maximum) && SameCurrency("maximum", definition.Maximum, currency);
            if (minOk && maxOk && definition.Maximum!.Value.MinorUnits < definition.Minimum!.Value.MinorUnits)
            {
                Fail("maximum", "maximum_below_minimum", $"The maximum {definition.Maximum} is below the minimum {definition.Minimum}.");
                maxOk = false;
            }

            if (!RewardPolicyNames.TryParseAlgorithm(definition.Algorithm, out _))
            {
                Fail("algorithm", "unknown_algorithm", $"'{definition.Algorithm}' is not an envelope algorithm: use {RewardPolicyNames.AlgorithmNames}.");
            }

            if (totalOk && countOk && minOk && maxOk && currency is not null)
            {
                var total = definition.Total!.Value.MinorUnits;
                var n = (Int128)definition.Count!.Value;
                if (n * definition.Minimum!.Value.MinorUnits > total)
                {
                    Fail("total", "split_impossible", $"{definition.Count} envelopes of at least {definition.Minimum} need more than the pool's {definition.Total}.");
                }
                else if (n * definition.Maximum!.Value.MinorUnits < total)
                {
                    Fail("total", "split_impossible", $"{definition.Count} envelopes of at most {definition.Maximum} cannot hold the pool's {definition.Total}.");
                }
            }
        }

        private bool Positive(string path, Money? value, bool optional = false)
        {
            if (!Present(path, value, optional))
            {
                return false;
            }

            if (value is { } v && !v.IsPositive)
            {
                Fail(path, "not_positive", $"{v} must be greater than zero.");
                return false;
            }

            return value is not null;
        }

        private bool NotNegative(string path, Money? value, bool optional = false)
        {
            if (!Present(path, value, optional))
            {
                return false;
            }

            if (value is { } v && v.IsNegative)
            {
                Fail(path, "negative", $"{v} must be zero or more.");
                return false;
            }

            return value is not null;
        }

        private bool Present(string path, Money? value, bool optional)
        {
            if (value is null && !optional)
            {
                Fail(path, "required", "Give an amount such as {\"amount\":\"8.00\",\"currency\":\"CNY\"}.");
                return false;
            }

            return true;
        }

        private bool SameCurrency(string path, Money? value, Currency? expected)
        {
            if (value is { } v && expected is not null && v.Currency != expected)
            {
                Fail(path, "currency_mismatch", $"{v} is in {v.Currency.Code}; this policy is in {expected.Code}.");
                return false;
            }

            return true;
        }

        private void Fail(string path, string code, string message) =>
            context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath is { Length: > 0 } prefix ? prefix + "." + path : path, message)
            {
                ErrorCode = code,
            });
    }
}
