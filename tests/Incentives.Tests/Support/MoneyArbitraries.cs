using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Incentives.Tests.Support;

/// <summary>
/// FsCheck generators for <see cref="Currency"/> and <see cref="Money"/>, shared by every area's property tests.
/// Use them directly (<c>Prop.ForAll(MoneyArbitraries.Money(), ...)</c>) or register the class:
/// <c>[Property(Arbitrary = new[] { typeof(MoneyArbitraries) })]</c>.
/// </summary>
public static class MoneyArbitraries
{
    /// <summary>The custom unit the generators mix in: whole points, to cover non-ISO units.</summary>
    public static readonly Currency Points = Incentives.Currency.DefineCustom("TEST-POINTS", 0, "Test points");

    /// <summary>A custom unit with 6 minor-unit digits, beyond any ISO currency.</summary>
    public static readonly Currency MicroCoins = Incentives.Currency.DefineCustom("TEST-MICRO", 6, "Test micro coins");

    /// <summary>Any shipped ISO 4217 currency, or one of the two test custom units.</summary>
    public static Gen<Currency> CurrencyGen { get; } =
        Gen.Frequency(
            (9, Gen.Elements(Incentives.Currency.IsoCurrencies.ToArray())),
            (1, Gen.Elements(Points, MicroCoins)));

    /// <summary>Minor-unit counts over the whole range of long, biased to small amounts and to the edges.</summary>
    public static Gen<long> MinorUnitsGen { get; } =
        Gen.Frequency(
            (4, Gen.Choose(-100_000, 100_000).Select(x => (long)x)),
            (3, FsCheck.FSharp.Gen.Choose64(-1_000_000_000_000_000, 1_000_000_000_000_000)),
            (2, FsCheck.FSharp.Gen.Choose64(long.MinValue, long.MaxValue)),
            (1, Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, 1L, long.MaxValue - 1, long.MaxValue)));

    /// <summary>Amounts whose magnitude is below 2^53 minor units, so that sums of a few of them never overflow.</summary>
    public static Gen<long> ModestMinorUnitsGen { get; } =
        Gen.Frequency(
            (3, Gen.Choose(-100_000, 100_000).Select(x => (long)x)),
            (1, FsCheck.FSharp.Gen.Choose64(-(1L << 53), 1L << 53)));

    /// <summary>Any amount of any currency, over the whole range.</summary>
    public static Gen<Money> MoneyGen { get; } =
        from currency in CurrencyGen
        from minor in MinorUnitsGen
        select Incentives.Money.FromMinorUnits(minor, currency);

    /// <summary>The arbitrary for <see cref="Incentives.Currency"/>.</summary>
    public static Arbitrary<Currency> Currency() => CurrencyGen.ToArbitrary();

    /// <summary>The arbitrary for <see cref="Incentives.Money"/>.</summary>
    public static Arbitrary<Money> Money() => MoneyGen.ToArbitrary();

    /// <summary>Two amounts of one currency, each below 2^53 minor units in magnitude.</summary>
    public static Arbitrary<(Money A, Money B)> SameCurrencyPair() =>
        (from currency in CurrencyGen
         from a in ModestMinorUnitsGen
         from b in ModestMinorUnitsGen
         select (Incentives.Money.FromMinorUnits(a, currency), Incentives.Money.FromMinorUnits(b, currency))).ToArbitrary();
}
