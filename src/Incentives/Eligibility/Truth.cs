namespace Incentives.Eligibility;

/// <summary>The three truth values of a rule over data that may be unknown (Kleene logic).</summary>
internal enum Truth
{
    /// <summary>The data needed to decide is unknown: neither the rule nor its negation holds.</summary>
    Unknown,

    /// <summary>The rule holds.</summary>
    True,

    /// <summary>The rule does not hold.</summary>
    False,
}
