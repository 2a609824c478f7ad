using NodaTime;
using NodaTime.Text;

namespace Incentives.Time.Json;

/// <summary>The NodaTime patterns that read the string fields of the JSON definitions (culture-invariant).</summary>
internal static class TimeText
{
    private static readonly LocalDateTimePattern DateTimeMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalTimePattern TimeMinutes = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    internal static LocalDateTime? ParseDateTime(string text)
    {
        var result = DateTimeMinutes.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        result = LocalDateTimePattern.ExtendedIso.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        return date.Success ? date.Value.AtMidnight() : null;
    }

    internal static LocalTime? ParseTime(string text)
    {
        var result = TimeMinutes.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        result = LocalTimePattern.ExtendedIso.Parse(text);
        return result.Success ? result.Value : null;
    }

    internal static LocalDate? ParseDate(string text)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : null;
    }

    /// <summary>Writes <c>uuuu-MM-ddTHH:mm</c>, with seconds and fractions only when there are any (what <see cref="ParseDateTime"/> reads back).</summary>
    internal static string FormatDateTime(LocalDateTime value) =>
        value.TimeOfDay == value.TimeOfDay.With(TimeAdjusters.TruncateToMinute)
            ? DateTimeMinutes.Format(value)
            : LocalDateTimePattern.ExtendedIso.Format(value);

    /// <summary>Writes <c>HH:mm</c>, with seconds and fractions only when there are any (what <see cref="ParseTime"/> reads back).</summary>
    internal static string FormatTime(LocalTime value) =>
        value == value.With(TimeAdjusters.TruncateToMinute) ? TimeMinutes.Format(value) : LocalTimePattern.ExtendedIso.Format(value);

    /// <summary>Writes <c>uuuu-MM-dd</c>.</summary>
    internal static string FormatDate(LocalDate value) => LocalDatePattern.Iso.Format(value);

    internal static Period? ParsePeriod(string text)
    {
        var result = PeriodPattern.NormalizingIso.Parse(text);
        return result.Success ? result.Value : null;
    }
}
