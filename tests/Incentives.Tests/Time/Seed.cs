namespace Incentives.Tests.Time;

/// <summary>The fixed FsCheck seed of the Time properties, so that every run checks the same cases.</summary>
internal static class Seed
{
    /// <summary>(seed, gamma) for <c>[Property(Replay = ...)]</c>.</summary>
    public const string Replay = "20260215,20260223";
}
