using BenchmarkDotNet.Attributes;
using Incentives.Time;
using NodaTime;

namespace Incentives.Benchmarks.Time;

/// <summary>
/// The time checks that run on every claim, against a raw comparison of two instants (the cheapest possible window check).
/// Target: <see cref="CampaignWindow.Contains(Instant)"/> within 2x of the baseline, and no allocation anywhere.
/// Each benchmark checks the same 1024 claim instants, spread from a day before the window to a day after it, so that the JIT
/// cannot fold the comparison away; figures are per claim (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
public class TimeContainsBenchmarks
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone Vancouver = DateTimeZoneProviders.Tzdb["America/Vancouver"];

    private readonly Instant start = Instant.FromUtc(2026, 2, 14, 16, 0);
    private readonly Instant end = Instant.FromUtc(2026, 2, 23, 16, 0);
    private const int Claims = 1024;
    private readonly Instant[] claims = new Instant[Claims];

    private CampaignWindow window = null!;
    private CampaignWindow participantWindow = null!;
    private SlotSchedule slots = null!;
    private SlotSchedule participantSlots = null!;

    /// <summary>Builds the Spring Festival 2026 window, an evening slot schedule, and their participant-local forms.</summary>
    [GlobalSetup]
    public void Setup()
    {
        window = CampaignWindows.SpringFestivalHoliday(2026, Shanghai);
        participantWindow = window.WithTimeReference(WindowTimeReference.Participant);
        var evening = DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0));
        slots = SlotSchedule.Create(window, evening);
        participantSlots = SlotSchedule.Create(participantWindow, evening);
        var first = start - Duration.FromDays(1);
        var step = (end - start + Duration.FromDays(2)) / Claims;
        for (var i = 0; i < Claims; i++)
        {
            claims[i] = first + (step * i);
        }

        participantWindow.Contains(start, Vancouver);
        participantWindow.TryGetDay(start, Vancouver, out _);
        participantSlots.Contains(start, Vancouver);
    }

    /// <summary>The baseline: <c>start &lt;= claim &lt; end</c> on two raw instants.</summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Claims)]
    public int RawInstantComparison()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (claim >= start && claim < end)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><see cref="CampaignWindow.Contains(Instant)"/>.</summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(OperationsPerInvoke = Claims)]
    public int WindowContains()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (window.Contains(claim))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><see cref="CampaignWindow.Contains(Instant, DateTimeZone)"/> on a participant-local window (cached per zone).</summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(OperationsPerInvoke = Claims)]
    public int ParticipantWindowContains()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (participantWindow.Contains(claim, Vancouver))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><see cref="SlotSchedule.Contains(Instant)"/>: 9 evening slots, one binary search.</summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(OperationsPerInvoke = Claims)]
    public int SlotContains()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (slots.Contains(claim))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><see cref="SlotSchedule.Contains(Instant, DateTimeZone)"/> on a participant-local schedule (cached per zone).</summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(OperationsPerInvoke = Claims)]
    public int ParticipantSlotContains()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (participantSlots.Contains(claim, Vancouver))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><see cref="CampaignWindow.TryGetDay(Instant, out CampaignDay)"/>: the campaign day of the claim (for per-day budgets).</summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(OperationsPerInvoke = Claims)]
    public int DayNumber()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (window.TryGetDay(claim, out var day) && day.Number > 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// <see cref="CampaignWindow.TryGetDay(Instant, DateTimeZone?, out CampaignDay)"/> on a participant-local window: the day the
    /// participant lives (for per-day budgets and caps of participant-local campaigns; days cached per zone).
    /// </summary>
    /// <returns>How many claims are inside.</returns>
    [Benchmark(OperationsPerInvoke = Claims)]
    public int ParticipantDayNumber()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (participantWindow.TryGetDay(claim, Vancouver, out var day) && day.Number > 0)
            {
                count++;
            }
        }

        return count;
    }
}
