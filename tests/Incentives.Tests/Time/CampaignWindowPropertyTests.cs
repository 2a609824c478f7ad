using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Time;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Incentives.Tests.Time;

public sealed class CampaignWindowPropertyTests
{
    private static readonly string[] AllZones = [.. DateTimeZoneProviders.Tzdb.Ids];

    // Zones with DST (and one with a midnight transition, America/Santiago), so that most generated windows cross a transition.
    private static readonly string[] DstZones =
    [
        "America/New_York", "America/Vancouver", "Australia/Sydney", "Europe/London", "America/Santiago",
        "Australia/Lord_Howe", "Asia/Tehran", "America/Havana", "Pacific/Chatham",
    ];

    private static readonly Gen<DateTimeZone> Zones =
        Gen.OneOf(Gen.Elements(AllZones), Gen.Elements(DstZones)).Select(id => DateTimeZoneProviders.Tzdb[id]);

    internal static readonly Gen<CampaignWindow> Windows =
        Gen.OneOf(
            from zone in Zones
            from day in Gen.Choose(0, 365 * 60)
            from count in Gen.Choose(1, 120)
            select CampaignWindow.ForDays(new LocalDate(1980, 1, 1).PlusDays(day), count, zone),
            from zone in Zones
            from minutes in Gen.Choose(0, 60 * 24 * 365 * 60)
            from length in Gen.Choose(1, 60 * 24 * 120)
            select CampaignWindow.FromInterval(
                new Interval(
                    Instant.FromUtc(1980, 1, 1, 0, 0) + Duration.FromMinutes(minutes),
                    Instant.FromUtc(1980, 1, 1, 0, 0) + Duration.FromMinutes(minutes + (long)length)),
                zone));

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property Window_contains_its_start_and_not_its_end() =>
        Prop.ForAll(Windows.ToArbitrary(), w => w.Contains(w.Start) && !w.Contains(w.End) && w.Contains(w.End - Duration.Epsilon));

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property Campaign_days_partition_the_window_with_no_gap_or_overlap() =>
        Prop.ForAll(Windows.ToArbitrary(), w =>
        {
            var days = w.Days;
            var chained = Enumerable.Range(1, days.Count - 1).All(i =>
                days[i].Interval.Start == days[i - 1].Interval.End
                && days[i].Date > days[i - 1].Date
                && days[i].Number == i + 1
                && days[i].Date == days[i].Interval.Start.InZone(w.Zone).Date
                && days[i - 1].Interval.End.Minus(Duration.Epsilon).InZone(w.Zone).Date == days[i - 1].Date);
            var total = days.Aggregate(Duration.Zero, (sum, d) => sum + d.Duration);
            return days[0].Interval.Start == w.Start
                && days[0].Number == 1
                && days[0].Date == w.ZonedStart.Date
                && days[^1].Interval.End == w.End
                && days.All(d => d.Duration > Duration.Zero && d.Duration <= Duration.FromHours(26))
                && chained
                && total == w.Duration;
        });

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property An_instants_day_number_agrees_with_the_day_intervals() =>
        Prop.ForAll(
            (from w in Windows from f in Gen.Choose(0, 1_000_000) select (w, f)).ToArbitrary(),
            t =>
            {
                var (w, f) = t;
                var instant = w.Start + Duration.FromNanoseconds((long)((double)w.Duration.TotalNanoseconds * (f / 1_000_001.0)));
                return w.TryGetDay(instant, out var day)
                    && day.Interval.Contains(instant)
                    && w.Days[day.Number - 1] == day
                    && day.Date == instant.InZone(w.Zone).Date;
            });

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property Intersection_is_commutative_and_contained_in_both() =>
        Prop.ForAll(
            (from a in Windows
             from shift in Gen.Choose(-60 * 24 * 100, 60 * 24 * 100)
             from b in Windows
             select (a, CampaignWindow.FromInterval(new Interval(a.Start + Duration.FromMinutes(shift), a.Start + Duration.FromMinutes(shift) + b.Duration), b.Zone)))
            .ToArbitrary(),
            t =>
            {
                var (a, b) = t;
                var ab = a.Intersect(b);
                var ba = b.Intersect(a);
                if (ab is null || ba is null)
                {
                    return ab is null && ba is null && !a.Overlaps(b) && !b.Overlaps(a);
                }

                return ab.Interval == ba.Interval
                    && a.Contains(ab.Start) && b.Contains(ab.Start)
                    && a.Contains(ab.End - Duration.Epsilon) && b.Contains(ab.End - Duration.Epsilon)
                    && ab.Start >= a.Start && ab.Start >= b.Start && ab.End <= a.End && ab.End <= b.End;
            });

    [Property(MaxTest = 100, Replay = Seed.Replay)]
    public Property A_participant_local_window_read_in_the_campaign_zone_is_the_window_itself() =>
        Prop.ForAll(Windows.ToArbitrary(), w =>
        {
            var local = w.WithTimeReference(WindowTimeReference.Participant);
            return local.GetInterval(w.Zone) == w.Interval
                && local.Contains(w.Start, w.Zone) && !local.Contains(w.End, w.Zone);
        });
}
