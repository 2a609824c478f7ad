using System.Diagnostics.Metrics;
using Incentives.Rewards.Randomness;

namespace Incentives.Campaigns;

/// <summary>Optional settings of a <see cref="CampaignEngine"/>.</summary>
/// <remarks>Every property has a default suitable for production; tests usually set <see cref="Random"/> to a seeded source.</remarks>
public sealed class CampaignEngineOptions
{
    /// <summary>Gets the random source for random rewards. Default <see cref="SecureRandomSource.Shared"/>.</summary>
    public IRandomSource? Random { get; init; }

    /// <summary>
    /// Gets the factory the engine creates its <see cref="Meter"/> with (the one registered by <c>AddMetrics()</c> in an app).
    /// Default: the engine creates and owns a <see cref="Meter"/> named <see cref="Diagnostics.IncentivesDiagnostics.MeterName"/>,
    /// disposed with the engine.
    /// </summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Gets a name for the engine, reported as the meter's <c>incentives.engine</c> tag (keyed engines use their key). Default none.</summary>
    public string? Name { get; init; }
}
