using NodaTime;

namespace Incentives.Time.Holidays;

/// <summary>
/// Public holiday periods of the People's Republic of China, as announced each year by the General Office of the State Council
/// (国务院办公厅关于 YYYY 年部分节假日安排的通知). Only years verified against the notices are included.
/// </summary>
public static class PrcHolidayCalendars
{
    /// <summary>
    /// Gets the Spring Festival (春节) public holiday periods, including the days made up by working weekends (放假调休):
    /// 2024: 10-17 February (8 days); 2025: 28 January - 4 February (8 days); 2026: 15-23 February (9 days).
    /// Other years are unknown.
    /// </summary>
    public static IHolidayCalendar SpringFestival { get; } = new HolidayCalendar(
        "PRC Spring Festival public holiday",
        [
            new HolidayPeriod(
                "Spring Festival 2024",
                new LocalDate(2024, 2, 10),
                new LocalDate(2024, 2, 17),
                "State Council General Office notice on 2024 holiday arrangements, 国办发明电〔2023〕7号, 2023-10-25 (item 2: 2月10日至17日放假调休, 共8天)"),
            new HolidayPeriod(
                "Spring Festival 2025",
                new LocalDate(2025, 1, 28),
                new LocalDate(2025, 2, 4),
                "State Council General Office notice on 2025 holiday arrangements, 国办发明电〔2024〕12号, 2024-11-12 (item 2: 1月28日至2月4日放假调休, 共8天)"),
            new HolidayPeriod(
                "Spring Festival 2026",
                new LocalDate(2026, 2, 15),
                new LocalDate(2026, 2, 23),
                "State Council General Office notice on 2026 holiday arrangements, 国办发明电〔2025〕7号, 2025-11-04 (item 2: 2月15日至23日放假调休, 共9天)"),
        ]);
}
