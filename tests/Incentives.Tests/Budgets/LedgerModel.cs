using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Tests.Budgets;

/// <summary>
/// A deliberately naive model of a budget ledger for the model-based tests: it keeps a plain list of
/// reservations and recomputes every sum and every pacing release from scratch, with its own code.
/// </summary>
internal sealed class LedgerModel(BudgetTree tree)
{
    private readonly List<ModelReservation> reservations = [];
    private readonly Dictionary<string, object> keys = new(StringComparer.Ordinal);

    public Instant Now { get; private set; } = Instant.MinValue;

    public IReadOnlyList<ModelReservation> Reservations => reservations;

    public (bool Reserved, long Id, BudgetDenialCode? Code, bool Replay) Reserve(ReserveRequest r)
    {
        Advance(r.Instant);
        var node = tree.GetNode(r.NodePath);
        var amount = r.Amount.MinorUnits;
        if (keys.TryGetValue(r.IdempotencyKey, out var existing))
        {
            return existing switch
            {
                ModelReservation m when m.Node == node && m.Amount == amount && m.Participant == r.ParticipantId => (true, m.Id, null, true),
                ModelDenial d when d.Node == node && d.Amount == amount && d.Participant == r.ParticipantId => (false, 0, d.Code, true),
                _ => (false, 0, BudgetDenialCode.IdempotencyKeyConflict, false),
            };
        }

        var day = DayOf(r.Instant);
        var code = Decide(node, r.ParticipantId, amount, day, r.ExpiresAt);
        if (code is { } denied)
        {
            keys.Add(r.IdempotencyKey, new ModelDenial(node, r.ParticipantId, amount, denied));
            return (false, 0, denied, false);
        }

        var res = new ModelReservation(reservations.Count + 1, node, r.ParticipantId, amount, day, r.ExpiresAt);
        reservations.Add(res);
        keys.Add(r.IdempotencyKey, res);
        return (true, res.Id, null, false);
    }

    public (bool Done, BudgetDenialCode? Code, bool Replay) Commit(long id, long amount, Instant at)
    {
        Advance(at);
        var r = Find(id);
        if (r is null)
        {
            return (false, BudgetDenialCode.UnknownReservation, false);
        }

        switch (r.State)
        {
            case ReservationState.Held when amount > r.Amount:
                return (false, BudgetDenialCode.ExceedsReserved, false);
            case ReservationState.Held:
                r.State = ReservationState.Committed;
                r.Committed = amount;
                r.FirstCommit = amount;
                return (true, null, false);
            case ReservationState.Committed when r.FirstCommit == amount:
                return (true, null, true);
            case ReservationState.Expired:
                return (false, BudgetDenialCode.ReservationExpired, false);
            default:
                return (false, BudgetDenialCode.AlreadySettled, false);
        }
    }

    public (bool Done, BudgetDenialCode? Code, bool Replay) Release(long id, Instant at)
    {
        Advance(at);
        var r = Find(id);
        return r?.State switch
        {
            null => (false, BudgetDenialCode.UnknownReservation, false),
            ReservationState.Held => Set(r, ReservationState.Released),
            ReservationState.Released => (true, null, true),
            ReservationState.Expired => (false, BudgetDenialCode.ReservationExpired, false),
            _ => (false, BudgetDenialCode.AlreadySettled, false),
        };

        static (bool, BudgetDenialCode?, bool) Set(ModelReservation r, ReservationState state)
        {
            r.State = state;
            return (true, null, false);
        }
    }

    public (bool Done, BudgetDenialCode? Code, bool Replay) Refund(string key, long id, long amount, Instant at)
    {
        Advance(at);
        if (keys.TryGetValue(key, out var existing))
        {
            return existing is ModelRefund f && f.Id == id && f.Amount == amount
                ? (f.Code is null, f.Code, true)
                : (false, BudgetDenialCode.IdempotencyKeyConflict, false);
        }

        var r = Find(id);
        BudgetDenialCode? code = r is null ? BudgetDenialCode.UnknownReservation
            : r.State != ReservationState.Committed ? BudgetDenialCode.NotCommitted
            : amount > r.Committed ? BudgetDenialCode.ExceedsRefundable
            : null;
        if (code is null)
        {
            r!.Committed -= amount;
        }

        keys.Add(key, new ModelRefund(id, amount, code));
        return (code is null, code, false);
    }

    public int ExpireDue(Instant at) => Advance(at);

    /// <summary>What the node holds and has granted: (reserved, committed), optionally on one day only.</summary>
    public (long Reserved, long Committed) Used(BudgetNode node, int? day = null, string? participant = null)
    {
        long reserved = 0;
        long committed = 0;
        foreach (var r in reservations)
        {
            if (!IsUnder(r.Node, node) || (day is { } d && r.Day != d) || (participant is not null && r.Participant != participant))
            {
                continue;
            }

            if (r.State == ReservationState.Held)
            {
                reserved += r.Amount;
            }
            else if (r.State == ReservationState.Committed)
            {
                committed += r.Committed;
            }
        }

        return (reserved, committed);
    }

    /// <summary>The model's own released-on-day function, written independently of the library's.</summary>
    public long Released(BudgetNode node, int day, Instant at)
    {
        var amount = node.DayAmounts[day].MinorUnits;
        var interval = tree.Window!.Days[day].Interval;
        if (at < interval.Start)
        {
            return 0;
        }

        if (at >= interval.End)
        {
            return amount;
        }

        var elapsed = new BigInteger((at - interval.Start).ToInt64Nanoseconds());
        var length = new BigInteger(interval.Duration.ToInt64Nanoseconds());
        var withinDay = node.Pacing!.WithinDay;
        switch (withinDay.Kind)
        {
            case IntraDayReleaseKind.Linear:
                return (long)(amount * elapsed / length);
            case IntraDayReleaseKind.Steps:
                var slices = node.DayAmounts[day].Allocate(withinDay.Weights.ToArray());
                var started = (int)(elapsed * slices.Length / length) + 1;
                return slices.Take(started).Sum(m => m.MinorUnits);
            default:
                return amount;
        }
    }

    private static bool IsUnder(BudgetNode leaf, BudgetNode node)
    {
        for (var n = leaf; n is not null; n = n.Parent)
        {
            if (n == node)
            {
                return true;
            }
        }

        return false;
    }

    private ModelReservation? Find(long id) => id >= 1 && id <= reservations.Count ? reservations[(int)id - 1] : null;

    private int DayOf(Instant t)
    {
        var days = tree.Window!.Days;
        for (var d = 0; d < days.Count; d++)
        {
            if (days[d].Interval.Contains(t))
            {
                return d;
            }
        }

        return -1;
    }

    private int Advance(Instant at)
    {
        if (at > Now)
        {
            Now = at;
        }

        var count = 0;
        foreach (var r in reservations.Where(r => r.State == ReservationState.Held && r.ExpiresAt <= Now))
        {
            r.State = ReservationState.Expired;
            count++;
        }

        return count;
    }

    private BudgetDenialCode? Decide(BudgetNode leaf, string participant, long amount, int day, Instant expiresAt)
    {
        if (expiresAt <= Now)
        {
            return BudgetDenialCode.AlreadyExpired;
        }

        if (day < 0)
        {
            return BudgetDenialCode.OutsideWindow;
        }

        var path = new List<BudgetNode>();
        for (var n = leaf; n is not null; n = n.Parent)
        {
            path.Insert(0, n);
        }

        foreach (var node in path)
        {
            var (r, c) = Used(node);
            if (r + c + amount > node.Limit.MinorUnits)
            {
                return BudgetDenialCode.NodeLimitReached;
            }

            if (node.Pacing is { } pacing && !FitsPacing(node, pacing.RollOver, day, amount))
            {
                return BudgetDenialCode.PacingLimitReached;
            }
        }

        foreach (var node in path.Where(n => n.Caps is not null))
        {
            var caps = node.Caps!;
            var (r, c) = Used(node, participant: participant);
            var (dr, dc) = Used(node, day, participant);
            var grants = Grants(node, participant, null);
            var dayGrants = Grants(node, participant, day);
            if (caps.MaxAmountPerCampaign is { } a && r + c + amount > a.MinorUnits)
            {
                return BudgetDenialCode.CapAmountReached;
            }

            if (caps.MaxGrantsPerCampaign is { } g && grants + 1 > g)
            {
                return BudgetDenialCode.CapGrantsReached;
            }

            if (caps.MaxAmountPerDay is { } da && dr + dc + amount > da.MinorUnits)
            {
                return BudgetDenialCode.CapAmountReached;
            }

            if (caps.MaxGrantsPerDay is { } dg && dayGrants + 1 > dg)
            {
                return BudgetDenialCode.CapGrantsReached;
            }
        }

        return null;
    }

    private int Grants(BudgetNode node, string participant, int? day) => reservations.Count(r =>
        IsUnder(r.Node, node) && r.Participant == participant && (day is null || r.Day == day) &&
        (r.State == ReservationState.Held || (r.State == ReservationState.Committed && r.Committed > 0)));

    private bool FitsPacing(BudgetNode node, bool rollOver, int day, long amount)
    {
        if (!rollOver)
        {
            var (r, c) = Used(node, day);
            return r + c + amount <= Released(node, day, Now);
        }

        // Every prefix of days from the reservation's day on must stay within what that prefix has released.
        for (var k = day; k < tree.DayCount; k++)
        {
            long used = amount;
            long released = 0;
            for (var j = 0; j <= k; j++)
            {
                var (r, c) = Used(node, j);
                used += r + c;
                released += Released(node, j, Now);
            }

            if (used > released)
            {
                return false;
            }
        }

        return true;
    }

    internal sealed class ModelReservation(long id, BudgetNode node, string participant, long amount, int day, Instant expiresAt)
    {
        public long Id { get; } = id;

        public BudgetNode Node { get; } = node;

        public string Participant { get; } = participant;

        public long Amount { get; } = amount;

        public int Day { get; } = day;

        public Instant ExpiresAt { get; } = expiresAt;

        public ReservationState State { get; set; } = ReservationState.Held;

        public long Committed { get; set; }

        public long FirstCommit { get; set; }
    }

    private sealed record ModelDenial(BudgetNode Node, string Participant, long Amount, BudgetDenialCode Code);

    private sealed record ModelRefund(long Id, long Amount, BudgetDenialCode? Code);
}
