using System;
using BenchmarkDotNet.Attributes;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Time;
using NodaTime;

namespace Incentives.Benchmarks.Eligibility;

/// <summary>
/// Window rules over the Time area's schedules: an evening slot schedule (20:00-22:00 Asia/Shanghai every day of the
/// Spring Festival window) and a participant-local window (Lunar New Year's Eve 20:00 to 02:00 on each participant's
/// clock), each compiled by the library, against the schedule's own <c>Contains(instant, homeZone)</c> called by hand
/// (the baseline is the slot schedule's). 1,024 claims from a fixed seed, participants in five zones (one unknown);
/// figures are per claim (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
public class WindowScheduleEligibilityBenchmarks
{
    private const int ClaimCount = 1024;

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly SlotSchedule EveningFlash = SlotSchedule.Create(
        CampaignWindow.Create(new LocalDateTime(2026, 2, 15, 0, 0), new LocalDateTime(2026, 2, 24, 0, 0), Shanghai),
        DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)));

    private static readonly CampaignWindow NewYearsEve = CampaignWindow
        .Create(new LocalDateTime(2026, 2, 16, 20, 0), new LocalDateTime(2026, 2, 17, 2, 0), Shanghai)
        .WithTimeReference(WindowTimeReference.Participant);

    private EligibilityEvaluator slotRule = null!;
    private EligibilityEvaluator participantLocalRule = null!;
    private Claim[] claims = null!;

    [GlobalSetup]
    public void Setup()
    {
        slotRule = EligibilityRule.Window(EveningFlash).Compile();
        participantLocalRule = EligibilityRule.Window(NewYearsEve).Compile();
        DateTimeZone?[] zones =
        [
            Shanghai, DateTimeZoneProviders.Tzdb["America/New_York"], DateTimeZoneProviders.Tzdb["America/Vancouver"],
            DateTimeZoneProviders.Tzdb["Australia/Sydney"], null,
        ];
        var random = new Random(2026);
        var start = EveningFlash.Window.Start;
        claims = new Claim[ClaimCount];
        for (var i = 0; i < ClaimCount; i++)
        {
            var participant = new Participant("u-" + i) { HomeZone = zones[random.Next(zones.Length)] };
            claims[i] = new Claim(participant, start + Duration.FromMinutes(random.Next(0, 9 * 24 * 60)), "marketplace");
            if (slotRule.IsEligible(claims[i]) != EveningFlash.Contains(claims[i].At, participant.HomeZone) ||
                participantLocalRule.IsEligible(claims[i]) != NewYearsEve.Contains(claims[i].At, participant.HomeZone))
            {
                throw new InvalidOperationException("The library and the schedule disagree.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ClaimCount)]
    public int HandWrittenSlotSchedule()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (EveningFlash.Contains(claim.At, claim.Participant.HomeZone))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public int SlotScheduleRule()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (slotRule.IsEligible(claim))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public int HandWrittenParticipantLocalWindow()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (NewYearsEve.Contains(claim.At, claim.Participant.HomeZone))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public int ParticipantLocalWindowRule()
    {
        var count = 0;
        foreach (var claim in claims)
        {
            if (participantLocalRule.IsEligible(claim))
            {
                count++;
            }
        }

        return count;
    }
}
