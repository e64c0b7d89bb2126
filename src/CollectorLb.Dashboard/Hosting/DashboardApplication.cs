using System.Text.Json.Serialization;
using CollectorLb.Abstractions.Settings;
using CollectorLb.Client;
using CollectorLb.Dashboard.Api;
using CollectorLb.Dashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Console;
using Orleans.Dashboard;

namespace CollectorLb.Dashboard.Hosting;

/// <summary>
/// The dashboard process: an Orleans client of the collector's cluster (by default the embedded silo's gateway,
/// <c>localhost:30000</c>) serving the page, its JSON API and the official Orleans dashboard under <c>/orleans</c>.
/// </summary>
public sealed partial class DashboardApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCollectorLbConsoleLogDefaults();

        // The shared timestamp format ends in a space that sets the time apart from the level in a simple line; JSON needs none.
        builder.Logging.AddConsole();
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(json => json.TimestampFormat = json.TimestampFormat?.TrimEnd());

        builder.Services.AddValidatedOptions<DashboardOptions>(builder.Configuration);
        var options = builder.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(options.HttpPort));
        }

        var connection = ClusterConnection.FromConfiguration(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            connection.Apply(client);
            client.AddDashboard();

            // The silo may start after the dashboard (or restart): keep trying rather than exit.
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                Console.Error.WriteLine($"dashboard: cluster at {connection} not reachable yet ({exception.Message}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                return true;
            });
        });

        builder.Services.AddSingleton<OperatorToken>();
        builder.Services.AddAuthentication(OperatorAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAuthentication.Scheme, _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorAuthentication.Policy, policy => policy.AddAuthenticationSchemes(OperatorAuthentication.Scheme).RequireAuthenticatedUser());
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLogin();
        app.MapDashboardApi();
        app.MapGet("/healthz", () => Results.Text("Healthy"));
        app.MapOrleansDashboard("/orleans").RequireAuthorization(OperatorAuthentication.Policy);
        app.Lifetime.ApplicationStarted.Register(() => AnnounceStart(app, connection));
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await Build(args).RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, ex.Failures.Select(f => "  - " + f)));
            return 2;
        }
    }

    private static void AnnounceStart(WebApplication app, ClusterConnection connection)
    {
        var logger = app.Services.GetRequiredService<ILogger<DashboardApplication>>();
        var token = app.Services.GetRequiredService<OperatorToken>();
        LogListening(logger, string.Join(", ", app.Urls), connection.ToString());
        if (token.IsGenerated)
        {
            LogGeneratedToken(logger, token.Value);
        }
    }

    [LoggerMessage(LogLevel.Information, "dashboard on {Urls}, reading the cluster through {Gateways}")] private static partial void LogListening(ILogger logger, string urls, string gateways);
    [LoggerMessage(LogLevel.Warning, "no operator token configured (CollectorLb:Dashboard:OperatorToken); this run's token is {Token}")] private static partial void LogGeneratedToken(ILogger logger, string token);
}
