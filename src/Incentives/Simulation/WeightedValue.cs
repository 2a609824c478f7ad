namespace Incentives.Simulation;

/// <summary>A value of a traffic mix and its relative weight (weights need not sum to anything in particular).</summary>
/// <param name="Value">The value, for example a channel such as <c>"marketplace"</c>.</param>
/// <param name="Weight">The relative weight; zero means never drawn.</param>
public sealed record WeightedValue(string Value, int Weight);
