using System;
using Incentives.Rewards.Envelopes;

namespace Incentives.Rewards.Json;

/// <summary>
/// Parses and writes the names used in reward JSON: policy types, rounding modes and envelope algorithms. All are read
/// without regard to case (like the property names of <see cref="Incentives.Serialization.DefinitionJson"/>) and written in camelCase.
/// </summary>
internal static class RewardPolicyNames
{
    internal const string RoundingNames = "toZero, toEven, awayFromZero, toNegativeInfinity, toPositiveInfinity";

    internal const string AlgorithmNames = "doubleMean, cutTheLine";

    internal const string TypeNames = "fixed, percentage, tiered, randomRange, redEnvelope";

    private static readonly string[] Types =
        [RewardPolicyTypes.Fixed, RewardPolicyTypes.Percentage, RewardPolicyTypes.Tiered, RewardPolicyTypes.RandomRange, RewardPolicyTypes.RedEnvelope];

    /// <summary>Finds the canonical <see cref="RewardPolicyTypes"/> name of <paramref name="name"/>, ignoring case.</summary>
    internal static bool TryParseType(string? name, out string type)
    {
        type = Array.Find(Types, t => name is not null && Is(name, t)) ?? string.Empty;
        return type.Length > 0;
    }

    internal static string RoundingName(MidpointRounding rounding) => rounding switch
    {
        MidpointRounding.ToEven => "toEven",
        MidpointRounding.AwayFromZero => "awayFromZero",
        MidpointRounding.ToNegativeInfinity => "toNegativeInfinity",
        MidpointRounding.ToPositiveInfinity => "toPositiveInfinity",
        _ => "toZero",
    };

    internal static string AlgorithmName(EnvelopeAlgorithm algorithm) =>
        algorithm == EnvelopeAlgorithm.CutTheLine ? "cutTheLine" : "doubleMean";

    internal static bool TryParseRounding(string? name, out MidpointRounding rounding)
    {
        (var found, rounding) = name switch
        {
            null => (true, MidpointRounding.ToZero),
            _ when Is(name, "toZero") => (true, MidpointRounding.ToZero),
            _ when Is(name, "toEven") => (true, MidpointRounding.ToEven),
            _ when Is(name, "awayFromZero") => (true, MidpointRounding.AwayFromZero),
            _ when Is(name, "toNegativeInfinity") => (true, MidpointRounding.ToNegativeInfinity),
            _ when Is(name, "toPositiveInfinity") => (true, MidpointRounding.ToPositiveInfinity),
            _ => (false, MidpointRounding.ToZero),
        };
        return found;
    }

    internal static bool TryParseAlgorithm(string? name, out EnvelopeAlgorithm algorithm)
    {
        (var found, algorithm) = name switch
        {
            null => (true, EnvelopeAlgorithm.DoubleMean),
            _ when Is(name, "doubleMean") => (true, EnvelopeAlgorithm.DoubleMean),
            _ when Is(name, "cutTheLine") => (true, EnvelopeAlgorithm.CutTheLine),
            _ => (false, EnvelopeAlgorithm.DoubleMean),
        };
        return found;
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
