namespace Incentives.Simulation;

/// <summary>Progress of a running simulation, reported every <see cref="SimulationOptions.ProgressEvery"/> claims.</summary>
/// <param name="ClaimsDone">How many claims were made so far.</param>
/// <param name="ClaimsTotal">How many claims the run makes.</param>
/// <param name="SimulatedNow">The simulated instant (ISO).</param>
public readonly record struct SimulationProgress(long ClaimsDone, long ClaimsTotal, string SimulatedNow);
