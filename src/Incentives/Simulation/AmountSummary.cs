namespace Incentives.Simulation;

/// <summary>Statistics of granted amounts (red envelopes or other rewards).</summary>
/// <param name="Count">How many grants.</param>
/// <param name="Total">Their sum.</param>
/// <param name="Mean">The mean, rounded down to the currency's minor unit (zero when there are none).</param>
/// <param name="Min">The smallest grant (zero when there are none).</param>
/// <param name="Max">The largest grant (zero when there are none).</param>
public sealed record AmountSummary(long Count, Money Total, Money Mean, Money Min, Money Max);
