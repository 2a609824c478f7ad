using NodaTime;
using NodaTime.Text;

namespace Incentives.Eligibility;

/// <summary>The text patterns of the JSON form: local date-times with optional seconds, ISO periods.</summary>
internal static class DefinitionPatterns
{
    /// <summary><c>2026-02-15T00:00</c>: the short form written when seconds and below are zero.</summary>
    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static string FormatLocalDateTime(LocalDateTime value) =>
        value.Second == 0 && value.NanosecondOfSecond == 0
            ? Minutes.Format(value)
            : LocalDateTimePattern.ExtendedIso.Format(value);

    public static bool TryParseLocalDateTime(string? text, out LocalDateTime value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var result = Minutes.Parse(text);
        if (!result.Success)
        {
            result = LocalDateTimePattern.ExtendedIso.Parse(text);
        }

        if (result.Success)
        {
            value = result.Value;
        }

        return result.Success;
    }

    public static string FormatPeriod(Period value) => PeriodPattern.NormalizingIso.Format(value);

    public static bool TryParsePeriod(string? text, out Period value)
    {
        value = Period.Zero;
        if (text is null)
        {
            return false;
        }

        var result = PeriodPattern.NormalizingIso.Parse(text);
        if (result.Success)
        {
            value = result.Value.Normalize();
        }

        return result.Success;
    }

    public static bool HasNegativeComponent(Period value) =>
        value.Years < 0 || value.Months < 0 || value.Weeks < 0 || value.Days < 0 || value.Hours < 0 || value.Minutes < 0 ||
        value.Seconds < 0 || value.Milliseconds < 0 || value.Ticks < 0 || value.Nanoseconds < 0;
}
