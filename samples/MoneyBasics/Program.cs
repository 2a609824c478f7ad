using System;
using Incentives;

// The seed campaign's budget: 3,000,000,000 CNY, counted exactly in fen.
var budget = Money.FromDecimal(3_000_000_000m, Currency.CNY);
Console.WriteLine($"Budget:              {budget}");

// Split across three apps 50/30/20 without losing a fen.
var byApp = budget.Allocate(50, 30, 20);
Console.WriteLine($"Marketplace:         {byApp[0]}");
Console.WriteLine($"Payments:            {byApp[1]}");
Console.WriteLine($"Travel:              {byApp[2]}");

// Nine days, evenly: the parts differ by at most one fen and add up exactly.
var perDay = byApp[2].Allocate(9);
Console.WriteLine($"Travel, day 1:       {perDay[0]}   day 9: {perDay[8]}");

// 8% of a 123.45 CNY order, rounded down to the fen.
var order = Money.FromDecimal(123.45m, Currency.CNY);
Console.WriteLine($"8% of {order}: {order.Multiply(0.08m, MidpointRounding.ToZero)}");

// Splitting 0.05 three ways: 0.02, 0.02, 0.01.
Console.WriteLine($"CNY 0.05 in three:   {string.Join(", ", Money.FromDecimal(0.05m, Currency.CNY).Allocate(3))}");
