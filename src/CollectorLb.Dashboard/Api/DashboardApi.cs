using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Dashboard.Hosting;
using CollectorLb.Dashboard.Security;
using Microsoft.AspNetCore.Http.Json;

namespace CollectorLb.Dashboard.Api;

/// <summary>
/// The JSON API the page uses (and scripts may): everything is read through the cluster view grain; requeue
/// needs the operator token. A cluster that cannot be reached is a 503 that says so; input the cluster would refuse
/// (a forged key, an unknown cursor, a limit out of range) is a 400 that says why.
/// </summary>
internal static partial class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(ClusterUnavailableFilter);
        api.MapGet("/overview", (IGrainFactory grains) => grains.GetClusterView().GetOverview());
        api.MapGet("/files", async Task<IResult> (IGrainFactory grains, string? state, string? host, int? limit) =>
        {
            FileStatus? status = null;
            if (!string.IsNullOrEmpty(state))
            {
                if (!Enum.TryParse<FileStatus>(state, ignoreCase: true, out var parsed) || parsed == FileStatus.Unknown)
                {
                    return Results.BadRequest(new { error = $"state must be one of {string.Join(", ", Enum.GetNames<FileStatus>().Skip(1))}" });
                }

                status = parsed;
            }

            var query = new FileQuery { Status = status, HostId = string.IsNullOrEmpty(host) ? null : host, Limit = Math.Clamp(limit ?? FileQuery.DefaultLimit, 1, 1000) };
            return Results.Ok(await grains.GetClusterView().GetFiles(query));
        });
        api.MapGet("/connectors", (IGrainFactory grains) => grains.GetClusterView().GetConnectors());
        api.MapGet("/quarantine", async Task<IResult> (IGrainFactory grains, string? host, string? reason, int? limit, string? after) =>
        {
            var query = new QuarantineQuery
            {
                HostId = string.IsNullOrEmpty(host) ? null : host,
                Reason = string.IsNullOrEmpty(reason) ? null : reason,
                Limit = limit ?? QuarantineQuery.DefaultLimit,
                After = string.IsNullOrEmpty(after) ? null : after,
            };
            return query.Check() is { } problem ? Results.BadRequest(new { error = problem }) : Results.Ok(await grains.GetClusterView().GetQuarantine(query));
        });
        api.MapPost("/requeue", async (IGrainFactory grains, RequeueRequest request) =>
        {
            var answer = await grains.GetClusterView().Requeue(request.File ?? string.Empty);
            return Results.Json(answer, statusCode: answer.Outcome switch
            {
                RequeueOutcome.Requeued => StatusCodes.Status200OK,
                RequeueOutcome.Invalid => StatusCodes.Status400BadRequest,
                RequeueOutcome.NotFound or RequeueOutcome.NotThisHost => StatusCodes.Status404NotFound,
                RequeueOutcome.HostUnreachable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status409Conflict,
            });
        }).RequireAuthorization(OperatorAuthentication.Policy);

        // One round of a bulk requeue per request (seconds, however large the quarantine): the page repeats it with the
        // answer's continuation until that is null, showing the count as it grows.
        api.MapPost("/requeue-all", async (IGrainFactory grains, RequeueAllRequest request) =>
        {
            var answer = await grains.GetClusterView().RequeueAll(new BulkRequeueRequest
            {
                Filter = new RequeueFilter
                {
                    HostId = string.IsNullOrEmpty(request.Host) ? null : request.Host,
                    Reason = string.IsNullOrEmpty(request.Reason) ? null : request.Reason,
                },
                Continuation = string.IsNullOrEmpty(request.Continuation) ? null : request.Continuation,
            });
            return answer.Refusal is not null ? Results.BadRequest(new { error = answer.Refusal }) : Results.Ok(answer);
        }).RequireAuthorization(OperatorAuthentication.Policy);
        api.MapGet("/session", (HttpContext context, OperatorToken token) => new
        {
            @operator = context.User.Identity?.IsAuthenticated == true,
            tokenGenerated = token.IsGenerated,
        });
        api.MapGet("/events", (IGrainFactory grains, IOptions<DashboardOptions> options, IOptions<JsonOptions> json, ILogger<DashboardApplication> logger, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(OverviewEventsAsync(grains.GetClusterView(), options.Value.RefreshPeriod, json.Value.SerializerOptions, logger, cancellationToken)));
        return app;
    }

    /// <summary>An overview now and after every refresh period; an <c>error</c> event while the cluster cannot be reached.</summary>
    private static async IAsyncEnumerable<SseItem<string>> OverviewEventsAsync(
        IClusterViewGrain view,
        TimeSpan period,
        JsonSerializerOptions json,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        do
        {
            SseItem<string> item;
            try
            {
                item = new SseItem<string>(JsonSerializer.Serialize(await view.GetOverview(), json), "overview");
            }
            catch (Exception ex) when (IsClusterUnavailable(ex))
            {
                LogClusterUnavailable(logger, ex.Message);
                item = new SseItem<string>(JsonSerializer.Serialize(new { error = UnavailableMessage(ex) }, json), "error");
            }

            yield return item;
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false; // the page went away
        }
    }

    private static async ValueTask<object?> ClusterUnavailableFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (IsClusterUnavailable(ex))
        {
            LogClusterUnavailable(context.HttpContext.RequestServices.GetRequiredService<ILogger<DashboardApplication>>(), ex.Message);
            return Results.Json(new { error = UnavailableMessage(ex) }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static bool IsClusterUnavailable(Exception ex) => ex is OrleansException or TimeoutException or InvalidOperationException;

    private static string UnavailableMessage(Exception ex) => $"The cluster did not answer: {ex.Message}";

    [LoggerMessage(LogLevel.Warning, "the cluster did not answer: {Reason}")] private static partial void LogClusterUnavailable(ILogger logger, string reason);
}
