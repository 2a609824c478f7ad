using System;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class DstPolicyTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void Strict_is_the_default_and_rejects_both_kinds()
    {
        Assert.Equal(DstPolicy.Create(SkippedTimeResolution.Reject, AmbiguousTimeResolution.Reject), DstPolicy.Strict);
        Assert.True(DstPolicy.Strict.CanReject);
        Assert.Throws<DstResolutionException>(() => DstPolicy.Strict.Resolve(new LocalDateTime(2026, 3, 8, 2, 0), NewYork));
        Assert.Throws<DstResolutionException>(() => DstPolicy.Strict.Resolve(new LocalDateTime(2026, 11, 1, 1, 0), NewYork));
    }

    [Fact]
    public void First_clock_reading_takes_the_end_of_the_gap_and_the_earlier_occurrence()
    {
        var policy = DstPolicy.FirstClockReading;

        Assert.False(policy.CanReject);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 0), policy.Resolve(new LocalDateTime(2026, 3, 8, 2, 15), NewYork).ToInstant());
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 15), policy.Resolve(new LocalDateTime(2026, 11, 1, 1, 15), NewYork).ToInstant());
        Assert.Equal("DstPolicy(Skipped: EndOfGap, Ambiguous: EarlierOffset)", policy.ToString());
    }

    [Fact]
    public void Unambiguous_local_times_are_never_moved()
    {
        var local = new LocalDateTime(2026, 7, 1, 20, 0);
        var expected = Instant.FromUtc(2026, 7, 2, 0, 0); // 20:00 EDT (UTC-4)

        foreach (var skipped in Enum.GetValues<SkippedTimeResolution>())
        {
            foreach (var ambiguous in Enum.GetValues<AmbiguousTimeResolution>())
            {
                Assert.Equal(expected, DstPolicy.Create(skipped, ambiguous).Resolve(local, NewYork).ToInstant());
            }
        }
    }

    [Fact]
    public void Undefined_resolutions_are_rejected()
    {
        Assert.Equal("skipped", Assert.Throws<ArgumentOutOfRangeException>(() => DstPolicy.Create((SkippedTimeResolution)9, AmbiguousTimeResolution.Reject)).ParamName);
        Assert.Equal("ambiguous", Assert.Throws<ArgumentOutOfRangeException>(() => DstPolicy.Create(SkippedTimeResolution.Reject, (AmbiguousTimeResolution)9)).ParamName);
        Assert.Throws<ArgumentNullException>(() => DstPolicy.Strict.Resolve(new LocalDateTime(2026, 1, 1, 0, 0), null!));
    }

    [Fact]
    public void Window_equality_includes_zone_and_time_reference()
    {
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var a = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, shanghai);
        var sameInstantsOtherZone = CampaignWindow.FromInterval(a.Interval, DateTimeZoneProviders.Tzdb["Asia/Hong_Kong"]);
        var participant = a.WithTimeReference(WindowTimeReference.Participant);

        Assert.NotEqual(a, sameInstantsOtherZone);
        Assert.NotEqual(a, participant);
        Assert.True(a != participant);
        Assert.Equal(participant, CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, shanghai).WithTimeReference(WindowTimeReference.Participant));
        Assert.False(a.Equals((object?)null));
        Assert.Same(participant, participant.WithTimeReference(WindowTimeReference.Participant));
    }
}
