// A tiny consumer built by .ci/run against the packed Incentives and Incentives.DependencyInjection .nupkg files from a
// local folder, to prove the packages install and work outside this repository.
using System;
using Incentives;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Rewards;
using Incentives.Time;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

var parts = Money.FromDecimal(0.05m, Currency.CNY).Allocate(3);
var text = string.Join(",", Array.ConvertAll(parts, p => p.ToString()));
Console.WriteLine(text);

var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
var services = new ServiceCollection();
services.AddIncentives(incentives => incentives
    .AddBudget("fest", new BudgetTreeBuilder(Currency.CNY, festival).Add("fest", Money.FromDecimal(100m, Currency.CNY)).Build())
    .AddCampaign(Campaign.Create("welcome").During(festival)
        .Rewarding(new FixedRewardPolicy(Money.FromDecimal(8.88m, Currency.CNY)))
        .DrawingFrom("fest", "fest")
        .Build()));
using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<CampaignEngine>();
var at = Instant.FromUtc(2026, 2, 16, 4, 0);
var result = await engine.ClaimAsync(new Claim(new Participant("ann"), at, "app"), "order-1");
Console.WriteLine(result.IsGranted ? $"granted {result.Grant.Amount}" : "denied");

return text == "CNY 0.02,CNY 0.02,CNY 0.01" && result.IsGranted && result.Grant.Amount == Money.FromDecimal(8.88m, Currency.CNY) ? 0 : 1;
