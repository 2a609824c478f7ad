namespace Incentives.Budgets;

/// <summary>The shape of an <see cref="IntraDayRelease"/>.</summary>
public enum IntraDayReleaseKind
{
    /// <summary>The whole day's amount is released at the day's first instant.</summary>
    AllAtStart = 0,

    /// <summary>The day's amount is released linearly over the day.</summary>
    Linear = 1,

    /// <summary>The day is cut into equal slices of time, each releasing a weighted share at its start.</summary>
    Steps = 2,
}
