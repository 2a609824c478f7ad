using System;
using NodaTime;

namespace Incentives.Time;

/// <summary>Looks up TZDB zones with messages a user can act on.</summary>
internal static class TimeZones
{
    internal static DateTimeZone Find(string zoneId, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zoneId, paramName);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new ArgumentException(UnknownZoneMessage(zoneId), paramName);
    }

    internal static string UnknownZoneMessage(string zoneId) =>
        $"Unknown time zone id '{zoneId}'. Use a TZDB id such as 'Asia/Shanghai' or 'America/Vancouver'.";
}
