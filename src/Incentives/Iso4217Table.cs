namespace Incentives;

/// <summary>
/// The ISO 4217 list of active currency codes shipped with the library.
/// </summary>
/// <remarks>
/// Source: ISO 4217 "List one: currency and funds", as published by SIX Financial Information (the ISO 4217
/// maintenance agency). Each line: alphabetic code | numeric code | minor-unit digits | English name.
/// Codes whose minor unit ISO lists as "N.A." (gold, silver, testing, no currency) are given 0 digits.
/// </remarks>
internal static class Iso4217Table
{
    internal const string Data = """
        AUD|036|2|Australian Dollar
        BHD|048|3|Bahraini Dinar
        CAD|124|2|Canadian Dollar
        CLF|990|4|Unidad de Fomento
        CNY|156|2|Yuan Renminbi
        EUR|978|2|Euro
        GBP|826|2|Pound Sterling
        HKD|344|2|Hong Kong Dollar
        JPY|392|0|Yen
        KWD|414|3|Kuwaiti Dinar
        SGD|702|2|Singapore Dollar
        TWD|901|2|New Taiwan Dollar
        USD|840|2|US Dollar
        UYW|927|4|Unidad Previsional
        XXX|999|0|The codes assigned for transactions where no currency is involved
        """;
}
