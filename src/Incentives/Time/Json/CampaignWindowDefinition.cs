using System.Collections.Generic;

namespace Incentives.Time.Json;

/// <summary>
/// The JSON form of a campaign window and its optional slots (camelCase). The window is <see cref="Start"/> plus exactly one of
/// <see cref="End"/>, <see cref="Days"/> or <see cref="Period"/>, all local to <see cref="Zone"/>.
/// </summary>
/// <example>
/// <code>
/// { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9,
///   "slots": [ { "start": "20:00", "end": "22:00" } ] }
/// </code>
/// </example>
public sealed class CampaignWindowDefinition
{
    /// <summary>Gets or sets the TZDB zone id, e.g. <c>Asia/Shanghai</c>. Required.</summary>
    public string? Zone { get; set; }

    /// <summary>Gets or sets the local start: <c>yyyy-MM-ddTHH:mm[:ss]</c>, or a date <c>yyyy-MM-dd</c> meaning its start, in the years <see cref="CampaignWindowJson.MinYear"/>-<see cref="CampaignWindowJson.MaxYear"/>. Required.</summary>
    public string? Start { get; set; }

    /// <summary>Gets or sets the local end (exclusive), in the same forms as <see cref="Start"/>; after the start and at most <see cref="CampaignWindowJson.MaxDays"/> local days later.</summary>
    public string? End { get; set; }

    /// <summary>Gets or sets the number of local days from <see cref="Start"/>: 1 to <see cref="CampaignWindowJson.MaxDays"/> (3660).</summary>
    public int? Days { get; set; }

    /// <summary>Gets or sets an ISO-8601 period added to <see cref="Start"/> in local time, e.g. <c>P9D</c> or <c>PT6H</c>; positive, and at most <see cref="CampaignWindowJson.MaxDays"/> local days long.</summary>
    public string? Period { get; set; }

    /// <summary>Gets or sets whose clock the local times are read on: <c>campaign</c> (default) or <c>participant</c>.</summary>
    public string? TimeReference { get; set; }

    /// <summary>Gets or sets what happens to a start, end or slot time skipped by DST in <see cref="Zone"/>: <c>reject</c> (default), <c>endOfGap</c> or <c>shiftForward</c>.</summary>
    public string? SkippedTime { get; set; }

    /// <summary>Gets or sets what happens to a start, end or slot time that occurs twice in <see cref="Zone"/>: <c>reject</c> (default), <c>earlierOffset</c> or <c>laterOffset</c>.</summary>
    public string? AmbiguousTime { get; set; }

    /// <summary>Gets or sets the recurring slots; absent means the whole window is open. When present, at least one.</summary>
    public IList<SlotDefinition?>? Slots { get; set; }
}
