using System;
using System.Collections.Generic;
using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Serialization;

namespace Incentives.Rewards.Json;

/// <summary>
/// Checks a <see cref="RewardPolicyDefinition"/> and reports every problem at once, each with the path of the JSON
/// property at fault (<c>type</c>, <c>percent</c>, <c>floor.amount</c>, <c>tiers[1].minimumOrder</c>, …) and an
/// error code from <see cref="RewardCodes"/> or <see cref="DefinitionErrorCodes"/>.
/// </summary>
/// <remarks>
/// Money values are checked with <see cref="MoneyDefinitionValidator"/> (paths such as <c>cap.currency</c>,
/// <c>tiers[0].reward.amount</c>; negative amounts are <c>money.invalid-amount</c>). A property that the policy's
/// <c>type</c> does not use is reported with <see cref="RewardCodes.PropertyNotApplicable"/>. Embedded in a parent
/// validator, paths are prefixed with the parent's (<c>reward.tiers[0].reward</c>). A definition that passes compiles
/// without an exception.
/// </remarks>
/// <threadsafety>Thread-safe once constructed.</threadsafety>
public sealed class RewardPolicyDefinitionValidator : AbstractValidator<RewardPolicyDefinition>
{
    private static readonly MoneyDefinitionValidator MoneyValidator = new();

    /// <summary>Initializes the rules.</summary>
    public RewardPolicyDefinitionValidator()
    {
        RuleFor(d => d).Custom((definition, context) => new Checker(definition, context).Run());
    }

    private sealed class Checker(RewardPolicyDefinition definition, ValidationContext<RewardPolicyDefinition> context)
    {
        public void Run()
        {
            if (string.IsNullOrEmpty(definition.Type))
            {
                Fail("type", DefinitionErrorCodes.Required, $"Give the policy type: {RewardPolicyNames.TypeNames}.");
                return;
            }

            if (!RewardPolicyNames.TryParseType(definition.Type, out var type))
            {
                Fail("type", RewardCodes.UnknownType, $"'{definition.Type}' is not a reward type: use {RewardPolicyNames.TypeNames}.");
                return;
            }

            CheckApplicable(type);
            switch (type)
            {
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
                default:
                    CheckEnvelope();
                    break;
            }
        }

        private void CheckApplicable(string type)
        {
            var d = definition;
            var present = new List<(string Name, bool Present)>
            {
                ("amount", d.Amount is not null), ("currency", d.Currency is not null), ("percent", d.Percent is not null),
                ("rounding", d.Rounding is not null), ("floor", d.Floor is not null), ("cap", d.Cap is not null),
                ("allowAboveOrder", d.AllowAboveOrder is not null), ("tiers", d.Tiers is not null),
                ("minimum", d.Minimum is not null), ("maximum", d.Maximum is not null), ("total", d.Total is not null),
                ("count", d.Count is not null), ("algorithm", d.Algorithm is not null),
                ("luckyAmounts", d.LuckyAmounts is not null), ("seed", d.Seed is not null),
            };
            var used = type switch
            {
                RewardPolicyTypes.Fixed => "amount",
                RewardPolicyTypes.Percentage => "currency percent rounding floor cap allowAboveOrder",
                RewardPolicyTypes.Tiered => "tiers",
                RewardPolicyTypes.RandomRange => "minimum maximum",
                _ => "total count minimum maximum algorithm luckyAmounts seed",
            };
            foreach (var (name, isPresent) in present)
            {
                if (isPresent && !Array.Exists(used.Split(' '), u => u == name))
                {
                    Fail(name, RewardCodes.PropertyNotApplicable, $"A {type} reward does not use '{name}'; remove it (it would be ignored). Its properties: {used.Replace(" ", ", ", StringComparison.Ordinal)}.");
                }
            }
        }

        private void CheckPercentage()
        {
            Currency? currency = null;
            if (string.IsNullOrEmpty(definition.Currency))
            {
                Fail("currency", DefinitionErrorCodes.Required, "Give the currency of orders and rewards, e.g. \"CNY\".");
            }
            else if (!Currency.TryFromCode(definition.Currency, out currency))
            {
                Fail("currency", DefinitionErrorCodes.UnknownCurrency, $"'{definition.Currency}' is not an ISO 4217 currency nor a defined custom unit.");
            }

            if (definition.Percent is not { } percent)
            {
                Fail("percent", DefinitionErrorCodes.Required, "Give the percentage of the order, e.g. 8 for 8%.");
            }
            else if (percent <= 0m || percent > 100m)
            {
                Fail("percent", RewardCodes.PercentOutOfRange, $"The percentage must be greater than 0 and at most 100, not {percent.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (!RewardPolicyNames.TryParseRounding(definition.Rounding, out _))
            {
                Fail("rounding", RewardCodes.UnknownRounding, $"'{definition.Rounding}' is not a rounding mode: use {RewardPolicyNames.RoundingNames}.");
            }

            var floor = SameCurrency("floor", Read("floor", definition.Floor, optional: true), currency);
            var cap = SameCurrency("cap", Positive("cap", definition.Cap, optional: true), currency);
            if (floor is { } f && cap is { } c && f.Currency == c.Currency && c.MinorUnits < f.MinorUnits)
            {
                Fail("cap", RewardCodes.CapBelowFloor, $"The cap {c} is below the floor {f}.");
            }
        }

        private void CheckTiers()
        {
            var tiers = definition.Tiers;
            if (tiers is null || tiers.Count == 0)
            {
                Fail("tiers", DefinitionErrorCodes.Required, "Give at least one tier: {\"minimumOrder\":…,\"reward\":…}.");
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
                    Fail(path, DefinitionErrorCodes.Required, "A tier cannot be null.");
                    continue;
                }

                var minimumOrder = Positive(path + ".minimumOrder", tier.MinimumOrder);
                currency ??= minimumOrder?.Currency;
                var order = SameCurrency(path + ".minimumOrder", minimumOrder, currency);
                var reward = SameCurrency(path + ".reward", Positive(path + ".reward", tier.Reward), currency);
                if (order is { } o && previousOrder is { } po && o.MinorUnits <= po.MinorUnits)
                {
                    Fail(path + ".minimumOrder", RewardCodes.TiersNotIncreasing, $"Tier {i} starts at {o}, not above the previous tier's {po}: minimum orders must strictly increase.");
                }

                if (reward is { } r && previousReward is { } pr && r.MinorUnits < pr.MinorUnits)
                {
                    Fail(path + ".reward", RewardCodes.RewardsDecreasing, $"Tier {i} gives {r}, less than the previous tier's {pr}: a larger order must not get a smaller reward.");
                }

                previousOrder = order ?? previousOrder;
                previousReward = reward ?? previousReward;
            }
        }

        private void CheckRange()
        {
            var minimum = Read("minimum", definition.Minimum);
            var maximum = SameCurrency("maximum", Positive("maximum", definition.Maximum), minimum?.Currency);
            if (minimum is { } min && maximum is { } max && max.MinorUnits < min.MinorUnits)
            {
                Fail("maximum", RewardCodes.MaximumBelowMinimum, $"The maximum {max} is below the minimum {min}.");
            }
        }

        private void CheckEnvelope()
        {
            var total = Read("total", definition.Total);
            var currency = total?.Currency;
            int? count = null;
            if (definition.Count is not { } n)
            {
                Fail("count", DefinitionErrorCodes.Required, "Give the number of envelopes.");
            }
            else if (n <= 0)
            {
                Fail("count", RewardCodes.NotPositive, $"The number of envelopes must be at least 1, not {n.ToString(CultureInfo.InvariantCulture)}.");
            }
            else
            {
                count = n;
            }

            // An empty envelope would be no reward: the policy needs a positive minimum (see RedEnvelopeRewardPolicy).
            var minimum = SameCurrency("minimum", Positive("minimum", definition.Minimum), currency);
            var maximum = SameCurrency("maximum", Read("maximum", definition.Maximum), currency);
            if (minimum is { } min && maximum is { } max && max.MinorUnits < min.MinorUnits)
            {
                Fail("maximum", RewardCodes.MaximumBelowMinimum, $"The maximum {max} is below the minimum {min}.");
                maximum = null;
            }

            if (!RewardPolicyNames.TryParseAlgorithm(definition.Algorithm, out _))
            {
                Fail("algorithm", RewardCodes.UnknownAlgorithm, $"'{definition.Algorithm}' is not an envelope algorithm: use {RewardPolicyNames.AlgorithmNames}.");
            }

            if (total is { } t && count is { } k && minimum is { } lo && maximum is { } hi)
            {
                if ((Int128)k * lo.MinorUnits > t.MinorUnits)
                {
                    Fail("total", RewardCodes.SplitImpossible, $"{k} envelopes of at least {lo} need more than the pool's {t}.");
                }
                else if ((Int128)k * hi.MinorUnits < t.MinorUnits)
                {
                    Fail("total", RewardCodes.SplitImpossible, $"{k} envelopes of at most {hi} cannot hold the pool's {t}.");
                }
            }
        }

        /// <summary>Reads an amount, reporting a missing one (unless optional) and every problem of a malformed one.</summary>
        private Money? Read(string path, MoneyDefinition? value, bool optional = false)
        {
            if (value is null)
            {
                if (!optional)
                {
                    Fail(path, DefinitionErrorCodes.Required, "Give an amount such as {\"amount\":\"8.00\",\"currency\":\"CNY\"}.");
                }

                return null;
            }

            var result = MoneyValidator.Validate(value);
            foreach (var failure in result.Errors)
            {
                Fail(path + "." + failure.PropertyName, failure.ErrorCode, failure.ErrorMessage);
            }

            return result.IsValid ? MoneyDefinitionValidator.ToMoney(value) : null;
        }

        private Money? Positive(string path, MoneyDefinition? value, bool optional = false)
        {
            var money = Read(path, value, optional);
            if (money is { } m && !m.IsPositive)
            {
                Fail(path, RewardCodes.NotPositive, $"{m} must be greater than zero.");
                return null;
            }

            return money;
        }

        private Money? SameCurrency(string path, Money? value, Currency? expected)
        {
            if (value is { } v && expected is not null && v.Currency != expected)
            {
                Fail(path, RewardCodes.CurrencyMismatch, $"{v} is in {v.Currency.Code}; this policy is in {expected.Code}.");
                return null;
            }

            return value;
        }

        private void Fail(string path, string code, string message) =>
            context.AddFailure(new ValidationFailure(context.PropertyPath is { Length: > 0 } prefix ? prefix + "." + path : path, message)
            {
                ErrorCode = code,
            });
    }
}
