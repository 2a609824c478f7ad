using System;
using System.Linq;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;
using Incentives.Serialization;

namespace Incentives.Rewards.Json;

/// <summary>
/// Reads reward policies from JSON (<see cref="DefinitionJson"/> conventions: camelCase, unknown properties
/// rejected), validates them with <see cref="RewardPolicyDefinitionValidator"/>, compiles them into
/// <see cref="RewardPolicy"/> objects, and writes any shipped policy back to the same form.
/// </summary>
/// <remarks>
/// <para>
/// Every problem, malformed JSON included, is a <see cref="ValidationException"/> whose failures carry the JSON path
/// and a code. Writing then reading a policy gives an equal definition (tested for every policy type).
/// </para>
/// <para>
/// <b>Red envelopes and restarts.</b> A <c>redEnvelope</c> definition is the pool's <i>initial</i> state: compiling
/// it creates a new, full pool. After a restart, compile the same definition with the persisted
/// <see cref="RedEnvelopePool.State"/> (<see cref="Compile(RewardPolicyDefinition, RedEnvelopePoolState, string)"/>),
/// otherwise the pool starts again from its whole total and pays the opened envelopes a second time.
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe.</threadsafety>
public static class RewardPolicyJson
{
    private const string What = "reward policy";
    private static readonly RewardPolicyDefinitionValidator Validator = new();

    /// <summary>Reads, validates and compiles a policy (a <c>redEnvelope</c> policy gets a new, full pool).</summary>
    /// <param name="json">The JSON text of one policy.</param>
    /// <returns>The policy, ready to evaluate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The JSON cannot be read, or the definition is invalid; <see cref="ValidationException.Errors"/> holds every problem with its path.</exception>
    public static RewardPolicy Load(string json) => Compile(Deserialize(json));

    /// <summary>Reads a definition without validating it.</summary>
    /// <param name="json">The JSON text of one policy.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">
    /// The text is not JSON of the expected shape, has an unknown property, or is <c>null</c> (code <c>json.invalid</c>, with the path).
    /// </exception>
    public static RewardPolicyDefinition Deserialize(string json) => DefinitionJson.Deserialize<RewardPolicyDefinition>(json, What);

    /// <summary>Validates a definition and compiles it into a policy; a <c>redEnvelope</c> definition creates a new, full pool.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pathPrefix">A prefix for the failures' paths when the definition is part of a larger one, e.g. <c>"reward"</c>.</param>
    /// <returns>The policy, ready to evaluate. A <c>redEnvelope</c> pool is seeded when <c>seed</c> is given, otherwise it uses <see cref="SecureRandomSource.Shared"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="pathPrefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The definition is invalid; <see cref="ValidationException.Errors"/> holds every problem with its path.</exception>
    public static RewardPolicy Compile(RewardPolicyDefinition definition, string pathPrefix = "")
    {
        Validate(definition, pathPrefix);
        return Build(definition, state: null);
    }

    /// <summary>
    /// Validates a <c>redEnvelope</c> definition and compiles it into a policy whose pool continues from a persisted
    /// state (<see cref="RedEnvelopePool.State"/>), as after a restart.
    /// </summary>
    /// <param name="definition">The definition, the same as when the pool was created.</param>
    /// <param name="poolState">The pool's state persisted with its last grant.</param>
    /// <param name="pathPrefix">A prefix for the failures' paths, e.g. <c>"reward"</c>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="pathPrefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The definition is invalid.</exception>
    /// <exception cref="ArgumentException">
    /// The definition is not a <c>redEnvelope</c>, or <paramref name="poolState"/> is not a state of its pool (parameter <c>poolState</c>).
    /// </exception>
    public static RewardPolicy Compile(RewardPolicyDefinition definition, RedEnvelopePoolState poolState, string pathPrefix = "")
    {
        Validate(definition, pathPrefix);
        RewardPolicyNames.TryParseType(definition.Type, out var type);
        if (type != RewardPolicyTypes.RedEnvelope)
        {
            throw new ArgumentException($"A pool state applies only to a {RewardPolicyTypes.RedEnvelope} policy, not to a {type} one.", nameof(poolState));
        }

        try
        {
            return Build(definition, poolState);
        }
        catch (ArgumentException e) when (e.ParamName == "state")
        {
            throw new ArgumentException(e.Message, nameof(poolState), e);
        }
    }

    /// <summary>Converts a shipped policy to its definition (the object form of its JSON).</summary>
    /// <param name="policy">A <see cref="FixedRewardPolicy"/>, <see cref="PercentageRewardPolicy"/>, <see cref="TieredRewardPolicy"/>, <see cref="RandomRangeRewardPolicy"/> or <see cref="RedEnvelopeRewardPolicy"/>.</param>
    /// <returns>
    /// The definition. For a red envelope it is the pool's spec and seed (when its source is seeded): the pool's
    /// initial state, not how much is left; persist <see cref="RedEnvelopePool.State"/> for that.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="policy"/> is a custom policy with no JSON form.</exception>
    public static RewardPolicyDefinition ToDefinition(RewardPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy switch
        {
            FixedRewardPolicy p => new() { Type = RewardPolicyTypes.Fixed, Amount = MoneyDefinition.From(p.Amount) },
            PercentageRewardPolicy p => new()
            {
                Type = RewardPolicyTypes.Percentage,
                Currency = p.Currency.Code,
                Percent = p.Percent,
                Rounding = RewardPolicyNames.RoundingName(p.Rounding),
                Floor = p.Floor is { } floor ? MoneyDefinition.From(floor) : null,
                Cap = p.Cap is { } cap ? MoneyDefinition.From(cap) : null,
                AllowAboveOrder = p.AllowAboveOrder ? true : null,
            },
            TieredRewardPolicy p => new()
            {
                Type = RewardPolicyTypes.Tiered,
                Tiers = [.. p.Tiers.Select(t => new RewardTierDefinition { MinimumOrder = MoneyDefinition.From(t.MinimumOrder), Reward = MoneyDefinition.From(t.Reward) })],
            },
            RandomRangeRewardPolicy p => new()
            {
                Type = RewardPolicyTypes.RandomRange, Minimum = MoneyDefinition.From(p.Minimum), Maximum = MoneyDefinition.From(p.Maximum),
            },
            RedEnvelopeRewardPolicy p => new()
            {
                Type = RewardPolicyTypes.RedEnvelope,
                Total = MoneyDefinition.From(p.Pool.Spec.Total),
                Count = p.Pool.Spec.Count,
                Minimum = MoneyDefinition.From(p.Pool.Spec.Minimum),
                Maximum = MoneyDefinition.From(p.Pool.Spec.Maximum),
                Algorithm = RewardPolicyNames.AlgorithmName(p.Pool.Spec.Algorithm),
                LuckyAmounts = p.Pool.Spec.LuckyAmounts,
                Seed = p.Pool.Seed,
            },
            _ => throw new ArgumentException($"{policy.GetType().Name} is not one of the reward policies with a JSON form.", nameof(policy)),
        };
    }

    /// <summary>Writes a definition as camelCase JSON, omitting absent properties.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    public static string Serialize(RewardPolicyDefinition definition) => DefinitionJson.Serialize(definition);

    /// <summary>Writes a shipped policy as JSON: <c>Serialize(ToDefinition(policy))</c>.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="policy"/> is a custom policy with no JSON form.</exception>
    public static string Serialize(RewardPolicy policy) => Serialize(ToDefinition(policy));

    private static void Validate(RewardPolicyDefinition definition, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var result = Validator.Validate(definition);
        if (result.IsValid)
        {
            return;
        }

        var failures = result.Errors
            .Select(e => new ValidationFailure(Prefixed(pathPrefix, e.PropertyName), e.ErrorMessage) { ErrorCode = e.ErrorCode })
            .ToList();
        var lines = string.Join(Environment.NewLine, failures.Select(e => $" -- {e.PropertyName}: {e.ErrorMessage}"));
        throw new ValidationException($"The reward policy is invalid:{Environment.NewLine}{lines}", failures);
    }

    private static string Prefixed(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : prefix + "." + path;

    private static RewardPolicy Build(RewardPolicyDefinition definition, RedEnvelopePoolState? state)
    {
        RewardPolicyNames.TryParseType(definition.Type, out var type);
        return type switch
        {
            RewardPolicyTypes.Fixed => new FixedRewardPolicy(ToMoney(definition.Amount)),
            RewardPolicyTypes.Percentage => BuildPercentage(definition),
            RewardPolicyTypes.Tiered => new TieredRewardPolicy(definition.Tiers!.Select(t => new RewardTier(ToMoney(t!.MinimumOrder), ToMoney(t.Reward)))),
            RewardPolicyTypes.RandomRange => new RandomRangeRewardPolicy(ToMoney(definition.Minimum), ToMoney(definition.Maximum)),
            _ => BuildEnvelope(definition, state),
        };
    }

    private static Money ToMoney(MoneyDefinition? definition) => MoneyDefinitionValidator.ToMoney(definition!);

    private static Money? ToOptionalMoney(MoneyDefinition? definition) =>
        definition is null ? null : MoneyDefinitionValidator.ToMoney(definition);

    private static PercentageRewardPolicy BuildPercentage(RewardPolicyDefinition definition)
    {
        RewardPolicyNames.TryParseRounding(definition.Rounding, out var rounding);
        return new PercentageRewardPolicy(
            Currency.FromCode(definition.Currency!),
            definition.Percent!.Value,
            rounding,
            ToOptionalMoney(definition.Floor),
            ToOptionalMoney(definition.Cap),
            definition.AllowAboveOrder ?? false);
    }

    private static RedEnvelopeRewardPolicy BuildEnvelope(RewardPolicyDefinition definition, RedEnvelopePoolState? state)
    {
        RewardPolicyNames.TryParseAlgorithm(definition.Algorithm, out var algorithm);
        var spec = new RedEnvelopeSpec(
            ToMoney(definition.Total),
            definition.Count!.Value,
            ToMoney(definition.Minimum),
            ToMoney(definition.Maximum),
            algorithm,
            definition.LuckyAmounts ?? false);
        IRandomSource random = definition.Seed is { } seed ? new SeededRandomSource(seed) : SecureRandomSource.Shared;
        return new RedEnvelopeRewardPolicy(new RedEnvelopePool(spec, state ?? RedEnvelopePoolState.Initial(spec), random));
    }
}
