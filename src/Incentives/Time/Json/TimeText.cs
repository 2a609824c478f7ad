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

    internal static Period? ParsePeriod(string text)
    {
        var result = PeriodPattern.NormalizingIso.Parse(text);
        return result.Success ? result.Value : null;
    }
}
