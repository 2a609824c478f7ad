namespace Incentives.Rewards.Envelopes;

/// <summary>How a red-envelope pool is split into envelopes. See docs/rewards.md for the distribution of each.</summary>
public enum EnvelopeAlgorithm
{
    /// <summary>
    /// The "double mean" draw of popular wallets: each envelope is drawn when it is opened, uniformly around the
    /// mean of what is left (from the minimum up to twice the mean's excess over the minimum), narrowed
    /// symmetrically so that the envelopes still to come can all stay within bounds; the last takes the remainder.
    /// The expected amount at every opening position is exactly total / count. Integer arithmetic only, so a seed
    /// replays the split bit for bit everywhere.
    /// </summary>
    DoubleMean = 0,

    /// <summary>
    /// "Cut the line": count − 1 random cut points over the pool's excess above the minima, the envelopes being the
    /// gaps between neighbouring cuts (generated left to right, so it streams in constant memory). A gap outside the
    /// feasible range is clamped into it, carrying the difference to the later envelopes.
    /// </summary>
    CutTheLine = 1,
}
