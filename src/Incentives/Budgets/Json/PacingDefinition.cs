using System.Collections.Generic;

namespace Incentives.Budgets.Json;

/// <summary>A <see cref="PacingPlan"/> as data.</summary>
public sealed class PacingDefinition
{
    /// <summary>Gets or sets how the limit is split over the days: <c>even</c> (the default) or <c>weighted</c>.</summary>
    public string? Split { get; set; }

    /// <summary>Gets or sets one non-negative weight per campaign day, for <c>weighted</c>.</summary>
    public IList<long>? Weights { get; set; }

    /// <summary>Gets or sets a value indicating whether unspent money rolls over to later days (default false).</summary>
    public bool RollOver { get; set; }

    /// <summary>Gets or sets the release within a day: <c>allAtStart</c> (the default), <c>linear</c> or <c>steps</c>.</summary>
    public string? WithinDay { get; set; }

    /// <summary>Gets or sets the slice weights, for <c>steps</c>.</summary>
    public IList<long>? WithinDayWeights { get; set; }
}
