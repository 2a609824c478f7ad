using System;
using Incentives.Rewards.Envelopes;

namespace Incentives.Rewards.Json;

/// <summary>Parses the names used in reward JSON: rounding modes and envelope algorithms, in camelCase.</summary>
internal static class RewardPolicyNames
{
    internal const string RoundingNames = "toZero, toEven, awayFromZero, toNegativeInfinity, toPositiveInfinity";

    internal const string AlgorithmNames = "doubleMean, cutTheLine";

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
