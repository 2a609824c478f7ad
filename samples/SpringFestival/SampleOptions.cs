using System.Globalization;
using Incentives;

namespace SpringFestival;

/// <summary>The command line: <c>--claims N --seed S --compare a,b,c --campaign file.json --out dir --plain</c>.</summary>
public sealed record SampleOptions(int Claims, ulong Seed, IReadOnlyList<Money> Budgets, string? CampaignFile, string OutputDirectory, bool Plain)
{
    public const string Usage =
        "usage: SpringFestival [--claims N] [--seed S] [--compare 3000000000,1000000000,500000000] [--campaign file.json] [--out dir] [--plain]";

    public static SampleOptions Parse(string[] args)
    {
        var claims = SpringFestivalApp.DefaultClaims;
        var seed = 20260215UL;
        IReadOnlyList<Money> budgets = [SpringFestivalCampaign.DefaultBudget];
        string? campaign = null;
        var output = "out";
        var plain = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--claims":
                    claims = int.TryParse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n >= 0
                        ? n : throw new FormatException("--claims takes a whole number of claims, 0 or more.");
                    break;
                case "--seed":
                    seed = ulong.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                        ? s : throw new FormatException("--seed takes a non-negative whole number.");
                    break;
                case "--compare":
                    budgets = [.. Value().Split(',').Select(ParseBudget)];
                    break;
                case "--campaign":
                    campaign = Value();
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--plain":
                    plain = true;
                    break;
                default:
                    throw new FormatException($"Unknown option '{args[i]}'.");
            }
        }

        if (campaign is not null && budgets.Count > 1)
        {
            throw new FormatException("--compare changes the sample's own budget; it cannot be combined with --campaign.");
        }

        return new SampleOptions(claims, seed, budgets, campaign, output, plain);
    }

    private static Money ParseBudget(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 1_000_000m
            ? Money.FromDecimal(amount, Currency.CNY)
            : throw new FormatException($"'{text}' is not a budget in CNY of at least 1,000,000 (for example 3000000000).");
}
