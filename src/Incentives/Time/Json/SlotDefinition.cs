using System.Collections.Generic;

namespace Incentives.Time.Json;

/// <summary>
/// The JSON form of a <see cref="DailySlot"/>. Every time and date is a string, parsed with NodaTime patterns so that a malformed
/// value is a validation error with its path.
/// </summary>
/// <example><code>{ "start": "20:00", "end": "00:30", "dates": ["2026-02-16"] }</code></example>
public sealed class SlotDefinition
{
    /// <summary>Gets or sets the local start time, <c>HH:mm</c> or <c>HH:mm:ss</c>. Required.</summary>
    public string? Start { get; set; }

    /// <summary>Gets or sets the local end time, <c>HH:mm</c> or <c>HH:mm:ss</c>; not after the start means the next day. Required.</summary>
    public string? End { get; set; }

    /// <summary>Gets or sets the days of the week the slot starts on (<c>monday</c> ... <c>sunday</c>, case-insensitive); absent or empty means every day.</summary>
    public IList<string>? DaysOfWeek { get; set; }

    /// <summary>Gets or sets the only dates (<c>yyyy-MM-dd</c>) the slot starts on; absent or empty means every date.</summary>
    public IList<string>? Dates { get; set; }

    /// <summary>Gets or sets the dates (<c>yyyy-MM-dd</c>) on which the slot does not start.</summary>
    public IList<string>? ExcludedDates { get; set; }
}
