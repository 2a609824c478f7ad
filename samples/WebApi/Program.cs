using System.IO;
using Incentives.Samples.WebApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

var builder = WebApplication.CreateBuilder(args);

// The clock: the system clock here; tests replace it with a NodaTime FakeClock (ConfigureTestServices).
builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);

// The programme (budgets and campaigns) from the JSON file shipped with the sample, validated when the engine is first resolved.
var programmeFile = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Incentives:ProgrammeFile"] ?? "spring-festival.json");
// A service runs for weeks: remember claims for retries and refunds for 7 days, then let the engine forget them
// (docs/engine.md, "Retention"); without it, memory grows with every claim.
builder.Services.AddIncentives(incentives => incentives
    .AddProgrammeJson(File.ReadAllText(programmeFile))
    .UseRetention(Duration.FromDays(7)));

builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapIncentivesApi();
app.Run();

/// <summary>The sample's entry point (public so that <c>WebApplicationFactory&lt;Program&gt;</c> can find it).</summary>
public partial class Program;
