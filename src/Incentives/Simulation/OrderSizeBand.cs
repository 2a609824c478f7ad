namespace Incentives.Simulation;

/// <summary>A band of order amounts of a traffic model: an amount is drawn uniformly in [<paramref name="Minimum"/>, <paramref name="Maximum"/>].</summary>
/// <param name="Minimum">The smallest order amount of the band, in major units of the simulation currency.</param>
/// <param name="Maximum">The largest order amount of the band, in major units.</param>
/// <param name="Weight">The relative weight of the band.</param>
public sealed record OrderSizeBand(decimal Minimum, decimal Maximum, int Weight);
