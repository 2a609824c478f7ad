// A tiny consumer built by .ci/run against the packed Incentives .nupkg from a local folder,
// to prove the package installs and works outside this repository.
using System;
using Incentives;

var parts = Money.FromDecimal(0.05m, Currency.CNY).Allocate(3);
var text = string.Join(",", Array.ConvertAll(parts, p => p.ToString()));
Console.WriteLine(text);
return text == "CNY 0.02,CNY 0.02,CNY 0.01" ? 0 : 1;
