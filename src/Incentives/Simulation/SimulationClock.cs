using System.Threading;
using NodaTime;

namespace Incentives.Simulation;

/// <summary>A settable clock the simulator moves forward as it replays traffic; usable in any test or tool that needs a fake clock.</summary>
/// <threadsafety>Reads and writes of the current instant are atomic; the simulator itself is single-threaded.</threadsafety>
public sealed class SimulationClock : IClock
{
    private long ticks;

    /// <summary>Initializes a new instance of the <see cref="SimulationClock"/> class at <paramref name="start"/>.</summary>
    /// <param name="start">The first instant the clock reports.</param>
    public SimulationClock(Instant start) => ticks = start.ToUnixTimeTicks();

    /// <summary>Gets or sets the instant the clock reports.</summary>
    public Instant Now
    {
        get => Instant.FromUnixTimeTicks(Interlocked.Read(ref ticks));
        set => Interlocked.Exchange(ref ticks, value.ToUnixTimeTicks());
    }

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Now;
}
