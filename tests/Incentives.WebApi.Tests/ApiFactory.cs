using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.WebApi.Tests;

/// <summary>The sample in memory (no port), with a fake clock at noon of the festival's first day in Shanghai.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>2026-02-15 12:00 in Asia/Shanghai (UTC+8, no DST), inside the lunch slot 11:00-14:00.</summary>
    public static readonly Instant Noon = Instant.FromUtc(2026, 2, 15, 4, 0);

    public FakeClock Clock { get; } = new(Noon);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
}
