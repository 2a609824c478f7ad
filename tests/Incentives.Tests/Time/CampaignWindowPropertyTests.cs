using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Time;
using NodaTime;
using NodaTime.TimeZones;
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

    /// <summary>
    /// A participant-local window defined in a fixed-offset campaign zone (UTC+8, no DST), with local times that are often near a
    /// transition of the participant's zone (a gap or an overlap), read in that OTHER zone.
    /// </summary>
    private static readonly Gen<(CampaignWindow Window, DateTimeZone Participant)> ParticipantReadings =
        from zone in Gen.Elements(DstZones).Select(id => DateTimeZoneProviders.Tzdb[id])
        from year in Gen.Choose(1990, 2035)
        from pick in Gen.Choose(0, 7)
        from shift in Gen.Choose(-150, 150)
        from length in Gen.OneOf(Gen.Choose(1, 300), Gen.Choose(1, 60 * 24 * 40))
        select (Participant(LocalNearTransition(zone, year, pick, shift), length), zone);

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property A_participant_local_window_in_another_zone_runs_from_the_first_clock_reading_of_its_local_start_to_that_of_its_local_end() =>
        Prop.ForAll(ParticipantReadings.ToArbitrary(), t =>
        {
            var (w, zone) = t;

            // The oracle: NodaTime's own resolvers (earlier of two readings, end of a gap), and the meaning of "first clock reading":
            // the participant's clock shows the local time (or later) at that instant and showed an earlier time one tick before.
            var resolver = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
            var start = zone.ResolveLocal(w.LocalStart, resolver).ToInstant();
            var end = zone.ResolveLocal(w.LocalEnd, resolver).ToInstant();
            var expected = new Interval(start, end < start ? start : end);
            bool FirstReading(Instant at, LocalDateTime local) =>
                at.InZone(zone).LocalDateTime >= local && (at - Duration.Epsilon).InZone(zone).LocalDateTime < local;

            var interval = w.GetInterval(zone);
            var inside = interval.Duration == Duration.Zero
                || (w.Contains(interval.Start, zone) && !w.Contains(interval.Start - Duration.Epsilon, zone)
                    && w.Contains(interval.End - Duration.Epsilon, zone) && !w.Contains(interval.End, zone));
            return (interval == expected)
                .Label($"{w} in {zone.Id}: {interval} but the oracle says {expected}")
                .And(FirstReading(start, w.LocalStart) && FirstReading(end, w.LocalEnd))
                .And(inside)
                .And(!ReferenceEquals(zone, w.Zone));
        });

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property A_participants_days_partition_their_window_and_a_claim_has_a_day_exactly_when_the_window_contains_it() =>
        Prop.ForAll(
            (from t in ParticipantReadings from f in Gen.Choose(-100_000, 1_100_000) select (t.Window, t.Participant, f)).ToArbitrary(),
            t =>
            {
                var (w, zone, f) = t;
                var interval = w.GetInterval(zone);
                var days = w.GetDays(zone);
                var instant = interval.Start + Duration.FromNanoseconds((long)((double)Duration.FromHours(1).TotalNanoseconds * 24 * 41 * (f / 1_000_000.0)));
                var found = w.TryGetDay(instant, zone, out var day);
                var partition = days.Count == 0
                    ? interval.Duration == Duration.Zero
                    : days[0].Interval.Start == interval.Start && days[^1].Interval.End == interval.End
                        && Enumerable.Range(1, days.Count - 1).All(i => days[i].Interval.Start == days[i - 1].Interval.End && days[i].Number == days[i - 1].Number + 1)
                        && days.All(d => d.Date == d.Interval.Start.InZone(zone).Date)
                        && days[0].Number == Period.DaysBetween(w.LocalStart.Date, days[0].Date) + 1;
                return partition.Label("days partition the participant's window")
                    .And((found == w.Contains(instant, zone)).Label("TryGetDay agrees with Contains"))
                    .And((!found || (day.Interval.Contains(instant) && day.Date == instant.InZone(zone).Date && days.Contains(day))).Label("the day holds the instant"));
            });

    private static LocalDateTime LocalNearTransition(DateTimeZone zone, int year, int pick, int shiftMinutes)
    {
        // The local time at which the pick-th transition of the year happens (on the clock before it), shifted by a few minutes;
        // a plain local time in the year when the zone has no transition then.
        var transitions = zone.GetZoneIntervals(Instant.FromUtc(year, 1, 1, 0, 0), Instant.FromUtc(year + 1, 1, 1, 0, 0))
            .Where(i => i.HasStart && i.Start > Instant.FromUtc(year, 1, 1, 0, 0))
            .Select(i => i.Start.WithOffset(zone.GetUtcOffset(i.Start - Duration.Epsilon)).LocalDateTime)
            .ToArray();
        var local = transitions.Length == 0 ? new LocalDateTime(year, 6, 1, 12, 0) : transitions[pick % transitions.Length];
        return local.PlusMinutes(shiftMinutes);
    }

    private static CampaignWindow Participant(LocalDateTime localStart, int lengthMinutes) =>
        CampaignWindow.Create(localStart, localStart.PlusMinutes(lengthMinutes), DateTimeZoneProviders.Tzdb["Etc/GMT-8"])
            .WithTimeReference(WindowTimeReference.Participant);
}
