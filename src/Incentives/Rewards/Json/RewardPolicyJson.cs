using System;
using System.Linq;
using System.Text.Json;
using FluentValidation;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards.Json;

/// <summary>
/// Reads reward policies from JSON (System.Text.Json, camelCase), validates them with
/// <see cref="RewardPolicyDefinitionValidator"/> and compiles them into <see cref="RewardPolicy"/> objects.
/// </summary>
/// <threadsafety>Thread-safe.</threadsafety>
public static class RewardPolicyJson
{
    private static readonly RewardPolicyDefinitionValidator Validator = new();

    /// <summary>Gets the serializer options used for reward JSON: web defaults (camelCase, case-insensitive reading), read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a definition without validating it.</summary>
    /// <param name="json">The JSON text of one policy.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not JSON of the expected shape, or holds a malformed amount.</exception>
    public static RewardPolicyDefinition Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<RewardPolicyDefinition>(json, Options)
            ?? throw new JsonException("The reward policy JSON is null; expected an object with a \"type\".");
    }

    /// <summary>Writes a definition as camelCase JSON, omitting absent properties.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    public static string Serialize(RewardPolicyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, Options);
    }

    /// <summary>Reads, validates and compiles a policy.</summary>
    /// <param name="json">The JSON text of one policy.</param>
    /// <returns>The policy, ready to evaluate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not JSON of the expected shape.</exception>
    /// <exception cref="ValidationException">The definition is invalid; <see cref="ValidationException.Errors"/> holds every problem with its path.</exception>
    public static RewardPolicy Load(string json) => Compile(Deserialize(json));

    /// <summary>Validates a definition and compiles it into a policy.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The policy, ready to evaluate. A <c>redEnvelope</c> definition creates a new pool, seeded when <c>seed</c> is given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The definition is invalid; <see cref="ValidationException.Errors"/> holds every problem with its path.</exception>
    public static RewardPolicy Compile(RewardPolicyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var result = Validator.Validate(definition);
        if (!result.IsValid)
        {
            var lines = string.Join(Environment.NewLine, result.Errors.Select(e => $" -- {e.PropertyName}: {e.ErrorMessage}"));
            throw new ValidationException($"The reward policy is invalid:{Environment.NewLine}{lines}", result.Errors);
        }

        return definition.Type switch
        {
            RewardPolicyTypes.Fixed => new FixedRewardPolicy(definition.Amount!.Value),
            RewardPolicyTypes.Percentage => CompilePercentage(definition),
            RewardPolicyTypes.Tiered => new TieredRewardPolicy(definition.Tiers!.Select(t => new RewardTier(t!.MinimumOrder!.Value, t.Reward!.Value))),
            RewardPolicyTypes.RandomRange => new RandomRangeRewardPolicy(definition.Minimum!.Value, definition.Maximum!.Value),
            _ => CompileEnvelope(definition),
        };
    }

    private static PercentageRewardPolicy CompilePercentage(RewardPolicyDefinition definition)
    {
        RewardPolicyNames.TryParseRounding(definition.Rounding, out var rounding);
        return new PercentageRewardPolicy(
            Currency.FromCode(definition.Currency!), definition.Percent!.Value, rounding, definition.Floor, definition.Cap);
    }

    private static RedEnvelopeRewardPolicy CompileEnvelope(RewardPolicyDefinition definition)
    {
        RewardPolicyNames.TryParseAlgorithm(definition.Algorithm, out var algorithm);
        var spec = new RedEnvelopeSpec(
            definition.Total!.Value,
            definition.Count!.Value,
            definition.Minimum!.Value,
            definition.Maximum!.Value,
            algorithm,
            definition.LuckyAmounts ?? false);
        IRandomSource random = definition.Seed is { } seed ? new SeededRandomSource(seed) : SecureRandomSource.Shared;
        return new RedEnvelopeRewardPolicy(new RedEnvelopePool(spec, random));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
